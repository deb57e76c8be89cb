import type { NotationLanguage } from '../../notation/types';
import { EngineInputError } from '../errors';
import { harmonizeAbcText } from './abc-harmonize-text';
import type { HarmonizeOptions, HarmonizingModel } from './harmonize';
import { HARMONIZE_OPTION_LIMITS, checkOptionLimits } from './option-limits';
import { harmonizeSatbText } from './satb-harmonize-text';
import type { TextAlternative, TextSelection } from './text-harmonizer';

export type { TextAlternative, TextSelection };

/** Harmonizes a document of either notation, in what `selection` holds (all of it without one). */
type HarmonizeDocument<Result> = (
  model: HarmonizingModel,
  text: string,
  language: NotationLanguage,
  selection: TextSelection | undefined,
  options?: HarmonizeOptions,
  signal?: AbortSignal,
) => Promise<Result>;

/** Harmonized versions of the whole document, best first (`options.alternatives` of them). */
export const harmonizeAlternatives: HarmonizeDocument<TextAlternative[]> = async (model, text, language, selection, options = {}, signal) => {
  checkOptionLimits(options, HARMONIZE_OPTION_LIMITS);
  if (language === 'satb') return harmonizeSatbText(model, text, selection, options, signal);
  if (language === 'abc') return harmonizeAbcText(model, text, selection, options, signal);
  throw new EngineInputError(`cannot harmonize a '${language as string}' document (abc or satb)`);
};

/** The whole document with the best harmonization written in (one edit for the editor; the CLI prints it). */
export const harmonizeText: HarmonizeDocument<string> = async (model, text, language, selection, options = {}, signal) => {
  const [best] = await harmonizeAlternatives(model, text, language, selection, { ...options, alternatives: 1 }, signal);
  return best.text;
};
