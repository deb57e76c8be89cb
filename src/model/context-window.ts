/**
 * How much of a long document a completion reads: the head (start token, tune header) and the tokens from a
 * checkpoint (`|||`, bar line) on, at most `maxTokens` in all. Window starts sit on a fixed grid of
 * checkpoints (one every maxTokens/2 tokens), so while the user types the window (and its cached state) stays
 * put, and moves on only every maxTokens/2 tokens. Where no checkpoint is near enough (a body without bar lines, a
 * frame without `|||`) the window starts on the grid itself: the cap holds whatever the text. The LSTM's memory is
 * short next to a few hundred tokens; the grammar's state is read from the whole prefix, not from the window, so a
 * cut anywhere keeps completions valid. The harmonizer reads everything.
 */
export const DEFAULT_CONTEXT_TOKENS = 512;

export function contextWindow(ids: readonly number[], head: number, isCheckpoint: (id: number) => boolean, maxTokens = DEFAULT_CONTEXT_TOKENS): number[] {
  if (!Number.isFinite(maxTokens) || maxTokens <= 0 || ids.length <= maxTokens) return ids.slice();
  const budget = Math.max(1, maxTokens - head);
  const step = Math.max(1, Math.floor(maxTokens / 2));
  const earliest = ids.length - budget;
  // The first checkpoint anchor at or after `earliest` (anchors before it make the window too long), unless it
  // leaves less than a quarter of the budget (a bar line just typed after a long stretch without one).
  let start: number | undefined;
  let grid = head + step;
  for (let i = head; i < ids.length - 1; i++) {
    if (i + 1 < grid || !isCheckpoint(ids[i])) continue;
    if (i + 1 >= earliest) {
      if (ids.length - (i + 1) >= budget / 4) start = i + 1;
      break;
    }
    while (grid <= i + 1) grid += step;
  }
  // No anchor fits: the grid point that leaves at most `budget` tokens.
  start ??= head + Math.ceil((earliest - head) / step) * step;
  return [...ids.slice(0, head), ...ids.slice(start)];
}
