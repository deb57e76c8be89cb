// `npm run bench`: Harmonize Selection on a folk tune, the whole way from ABC text to four-voice ABC text.
import { harmonizeText, type HarmonizingModel } from '../model';

/** A 32-bar reel in G with a chord symbol on every half bar, written for the bench (eighth notes on chord tones). */
export function benchReel(): string {
  const figures: Record<string, [string, string]> = {
    G: ['GBdB', 'gdBG'], C: ['cegc', 'ecAc'], D: ['dfaf', 'dAFA'], D7: ['FAdc', 'BAGF'], Em: ['EGBG', 'eBGB'], Am: ['Acec', 'aecA'],
  };
  const part: [string, string][] = [['G', 'G'], ['C', 'G'], ['G', 'Em'], ['Am', 'D7'], ['G', 'G'], ['C', 'Am'], ['D', 'D7'], ['G', 'G']];
  const bars: string[] = [];
  for (let b = 0; b < 32; b++) {
    const [first, second] = part[b % 8];
    bars.push(b === 31 ? `"G"G2 B2 G4 |]` : `"${first}"${figures[first][b % 2]} "${second}"${figures[second][(b + 1) % 2]} |`);
  }
  const lines = [0, 4, 8, 12, 16, 20, 24, 28].map((i) => bars.slice(i, i + 4).join(' '));
  return `X:1\nT:Bench reel\nM:4/4\nL:1/8\nR:reel\nK:G\n${lines.join('\n')}\n`;
}

/** Median seconds over `runs` harmonizations of the bench reel at `beamWidth`. */
export async function reelSeconds(model: HarmonizingModel, beamWidth: number, runs = 3): Promise<number> {
  const text = benchReel();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await harmonizeText(model, text, 'abc', undefined, { beamWidth });
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  return +times[Math.floor(runs / 2)].toFixed(2);
}
