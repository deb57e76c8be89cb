/** The two notation languages the extension serves. */
export type NotationLanguage = 'abc' | 'satb';

export const NOTATION_LANGUAGES: readonly NotationLanguage[] = ['abc', 'satb'];

export function isNotationLanguage(languageId: string): languageId is NotationLanguage {
  return languageId === 'abc' || languageId === 'satb';
}
