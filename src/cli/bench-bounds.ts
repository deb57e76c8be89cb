// Issue 13's worst cases for `npm run bench`: each answered in time bounded by the context window or refused at once.
import { complete, harmonizeAlternatives, isAbortError, scoringTarget, type HarmonizingModel, type LoadedModel } from '../model';

function emit(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

function endCursor(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1].length };
}

function ms(since: number): number {
  return +(performance.now() - since).toFixed(1);
}

function chorale(frames: number): string {
  const lines = Array.from({ length: frames }, (_, i) => `(${72 + (i % 5)},False) (67,False) (64,False) (48,False) |||`);
  return `% title: bench\n% meter: 4/4\nSTART\n${lines.join('\n')}\nEND\n`;
}

/** A tune body of about `chars` characters with no bar line. */
function barless(meter: string, chars: number): string {
  const unit = 'GABc dedc BAGF ';
  return `X:1\nT:bench\nM:${meter}\nL:1/8\nK:G\n${unit.repeat(Math.ceil(chars / unit.length))}`;
}

/** Milliseconds of a few keystrokes at the end of `doc` (a note typed, then a completion), after one to warm up. */
async function keystrokes(model: LoadedModel, doc: string, count = 5): Promise<{ p50_ms: number; max_ms: number; suggestions: number }> {
  let text = doc;
  await complete(model, text, endCursor(text), { n: 3 });
  const times: number[] = [];
  let suggestions = 0;
  for (let i = 0; i < count; i++) {
    text += 'G';
    const t = performance.now();
    suggestions += (await complete(model, text, endCursor(text), { n: 3, seed: i })).length;
    times.push(ms(t));
  }
  times.sort((a, b) => a - b);
  return { p50_ms: times[Math.floor(times.length / 2)], max_ms: times[times.length - 1], suggestions };
}

/** Completion and scoring worst cases for one language model (native CPU). */
export async function boundFigures(model: LoadedModel): Promise<void> {
  if (model.type === 'satb') {
    const doc = `% meter: 4/4\nSTART\n${'(72,False) '.repeat(100_000)}`;
    model.cache.clear();
    const t = performance.now();
    const out = await complete(model, doc, endCursor(doc), { n: 3 });
    emit({ bench: 'complete satb: one frame of 100,000 voices without ||| (refused)', ms: ms(t), suggestions: out.length, issue_13_before_s: 221 });
    scoringTarget('satb', chorale(400), model.vocab); // warms the parser up
    for (const frames of [4_000, 50_000]) {
      const text = chorale(frames);
      const start = performance.now();
      const target = scoringTarget('satb', text, model.vocab);
      emit({ bench: `surprisal target: ${frames.toLocaleString('en-US')}-frame chorale`, ms: ms(start), tokens: target.pieces[0]?.ids.length ?? 0, issue_13_before_s: frames === 4_000 ? 1.1 : 525 });
    }
    return;
  }
  for (const [meter, chars, before] of [['none', 21_000, 1.2], ['none', 106_000, 13.7], ['4/4', 21_000, 1.2]] as const) {
    model.cache.clear();
    const figures = await keystrokes(model, barless(meter, chars));
    emit({ bench: `complete abc: ${Math.round(chars / 1000)} KB without bar lines, M:${meter}, per keystroke`, ...figures, issue_13_before_s: before });
  }
}

/** Harmonize Selection on a melody past the harmonizer's length limit: the time to refuse it. */
export async function overlongMelodyFigure(model: HarmonizingModel): Promise<void> {
  const doc = `X:1\nT:bench\nM:4/4\nL:1/4\nK:C\n${'C D E F|'.repeat(2049)}]\n`;
  const t = performance.now();
  let answer = 'harmonized';
  try {
    await harmonizeAlternatives(model, doc, 'abc', undefined, { beamWidth: 8 });
  } catch (e) {
    if (isAbortError(e)) throw e;
    answer = e instanceof Error ? e.message : String(e);
  }
  emit({ bench: 'harmonize abc: melody of 2,049 bars of 4/4 (past 32,768 sixteenths)', ms: ms(t), answer });
}
