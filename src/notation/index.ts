import { abcNotation } from './abc';
import { satbNotation } from './satb';
import type { Notation, NotationLanguage } from './types';

export type { Notation, NotationLanguage, NotationPiece } from './types';
export { NotationError } from './types';

const NOTATIONS: Record<NotationLanguage, Notation> = { abc: abcNotation, satb: satbNotation };

export const NOTATION_LANGUAGES = Object.keys(NOTATIONS) as readonly NotationLanguage[];

export function isNotationLanguage(languageId: string): languageId is NotationLanguage {
  return Object.hasOwn(NOTATIONS, languageId);
}

export function notationOf(language: NotationLanguage): Notation {
  return NOTATIONS[language];
}
