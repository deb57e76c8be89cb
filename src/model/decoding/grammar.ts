/**
 * A language's rules for generation: which token ids may come next in a decoding state, and how a token
 * changes the state. States are immutable values, so beams and batch rows can share and fork them.
 */
export interface Grammar<S> {
  /** Allowed next ids; never empty while `isDone` is false (the grammar can always complete). */
  allowed(state: S): readonly number[];
  advance(state: S, id: number): S;
  /** The stop condition was reached (rest of the bar, N frames, the end token). */
  isDone(state: S): boolean;
}
