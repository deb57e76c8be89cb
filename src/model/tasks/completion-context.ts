import type { Grammar } from '../decoding/grammar';

/** A document prefix read for completion: what to feed the model, and how to write the tokens it returns. */
export interface CompletionContext<S> {
  /** Model ids of the prefix, beginning with the start token. */
  ids: number[];
  grammar: Grammar<S>;
  /** Grammar state after the prefix, with the stop condition (N frames, rest of the bar) set. */
  state: S;
  /** Characters of a token the user has begun typing: the first token must start with them. */
  partial: string;
  /** Tokens after which the prefix state is cached (`|||`, bar lines). */
  isCheckpoint(id: number): boolean;
  maxTokens: number;
  /** Text to insert at the cursor for these tokens (spacing, line breaks, the typed part removed). */
  render(tokens: string[]): string;
}
