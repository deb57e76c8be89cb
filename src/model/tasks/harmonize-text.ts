import type { NotationLanguage } from '../../notation/types';
import { EngineInputError } from '../errors';
import type { HarmonizingModel } from './harmonize';
import { harmonizeAbcText } from './abc-harmonize-text';
import { HARMONIZE_OPTION_LIMITS, checkOptionLimits } from './option-limits';
import type { HarmonizeOptions } from './harmonize';
import { harmonizeSatbText, type TextAlternative } from './satb-harmonize-text';

export type { TextAlternative };

type HarmonizeTextArgs = [
  model: HarmonizingModel,
  text: string,
  languageId: NotationLanguage,
  selection: { start: number; end: number } | undefined,
  options?: HarmonizeOptions,
  signal?: AbortSignal,
];

/** Harmonized versions of the whole document, best first (`alternatives` of them). */
export async function harmonizeAlternatives(...[model, text, languageId, selection, options = {}, signal]: HarmonizeTextArgs): Promise<TextAlternative[]> {
  checkOptionLimits(options, HARMONIZE_OPTION_LIMITS);
  if (languageId === 'satb') return harmonizeSatbText(model, text, selection, options, signal);
  if (languageId === 'abc') return harmonizeAbcText(model, text, selection, options, signal);
  throw new EngineInputError(`cannot harmonize a '${languageId as string}' document (abc or satb)`);
}

/** The whole document with the best harmonization written in (one edit for the editor; the CLI prints it). */
export async function harmonizeText(...[model, text, languageId, selection, options = {}, signal]: HarmonizeTextArgs): Promise<string> {
  const [best] = await harmonizeAlternatives(model, text, languageId, selection, { ...options, alternatives: 1 }, signal);
  return best.text;
}
