/**
 * How much of a long document a completion reads: the head (start token, tune header) and the tokens from a
 * checkpoint (`|||`, bar line) on, at most about `maxTokens` in all. Window starts sit on a fixed grid of
 * checkpoints (one every maxTokens/2 tokens), so while the user types the window (and its cached state) stays
 * put, and moves on only every maxTokens/2 tokens. The LSTM's memory is short next to a few hundred tokens; the
 * harmonizer reads everything.
 */
export const DEFAULT_CONTEXT_TOKENS = 512;

export function contextWindow(ids: readonly number[], head: number, isCheckpoint: (id: number) => boolean, maxTokens = DEFAULT_CONTEXT_TOKENS): number[] {
  if (!Number.isFinite(maxTokens) || maxTokens <= 0 || ids.length <= maxTokens) return ids.slice();
  const budget = Math.max(1, maxTokens - head);
  const step = Math.max(1, Math.floor(maxTokens / 2));
  const anchors = [head];
  let grid = head + step;
  for (let i = head; i < ids.length; i++) {
    if (i + 1 >= grid && isCheckpoint(ids[i]) && i + 1 < ids.length) {
      anchors.push(i + 1);
      while (grid <= i + 1) grid += step;
    }
  }
  const start = anchors.find((a) => ids.length - a <= budget) ?? anchors[anchors.length - 1];
  return [...ids.slice(0, head), ...ids.slice(start)];
}
