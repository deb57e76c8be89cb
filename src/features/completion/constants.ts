/** Every timing and size the inline completion uses, in one place. */
export const COMPLETION_CONSTANTS = {
  /** Wait after an explicit request (Alt+], Alt+\): none, the user asked. */
  explicitDebounceMs: 0,
  /** Alternatives asked of the model when the user cycles through them (Alt+]); one while typing. */
  alternativesOnInvoke: 3,
  alternativesWhileTyping: 1,
  /** Entries kept in the cache of recent completions. */
  cacheEntries: 64,
  /** Text around the cursor that makes up the cache key. */
  cachePrefixChars: 4000,
  cacheSuffixChars: 400,
  /** Top-p used for ghost text (sampling keeps to the likely notes). */
  topP: 0.95,
} as const;
