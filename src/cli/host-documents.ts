/** Worst-case documents for the extension host's per-edit work: each as large as the editor must stay quick on. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NotationLanguage } from '../notation';

export interface HostDocument {
  name: string;
  language: NotationLanguage;
  text: string;
}

export const MEGABYTE = 1 << 20;

/** Repeats `unit(i)` for i = 0, 1, ... until the text reaches `bytes` (whole units only). */
function grow(bytes: number, unit: (i: number) => string, head = ''): string {
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    size += u.length;
  }
  return parts.join('');
}

const REEL = [
  '|: "D"DE FG A2 AA | AB AG FE DF | "G"G2 BG "D"F2 AF | "A"ED EF EC B,A, |',
  '"D"DE FG A2 AA | AB AG FE DF | "G"G2 BG "D"F2 AF | "A"ED EF "D"D2 A2 ::',
  '"D"A2 d2 d2 dd | f2 d2 B2 A2 | "Em"e2 ef e2 ef | "A7" gf ed cB Ac |',
  '"D"d2 fd "A"c2 ec | "G"Bc dB "D"AF ED | "G"G2 BG "D"F2 AF | "A"ED EF "D"D2-D2 :|',
].join('\n');

/** A tunebook of many short tunes, blank lines between them. */
export function manyTunes(bytes = MEGABYTE): string {
  return grow(bytes, (i) => `X:${i + 1}\nT:Reel ${i + 1}\nM:4/4\nL:1/8\nK:D\n${REEL}\n\n`);
}

/** One tune whose body never draws a bar line: lines of eighths up to `bytes`. */
export function tuneWithoutBarLines(bytes = MEGABYTE): string {
  return grow(bytes, () => 'DEFG ABcd efga gfed cBAG FEDC DEFG ABcd\n', 'X:1\nT:No bar lines\nM:4/4\nL:1/8\nK:D\n');
}

/** One tune with a problem on every line (an unterminated chord symbol): 90,000 diagnostics in 1 MB. */
export function problemOnEveryLine(bytes = MEGABYTE): string {
  return grow(bytes, () => 'DEFG AB"c|\n', 'X:1\nT:Problems\nM:4/4\nL:1/8\nK:D\n');
}

/** One tune of `voices` voices (`V:n` then one bar each), as in the 20,000-voice input. */
export function manyVoices(voices = 20_000): string {
  const lines = ['X:1', 'T:Many voices', 'M:4/4', 'L:1/4', 'K:C'];
  for (let v = 1; v <= voices; v++) lines.push(`V:${v}`, 'CDEF|');
  return lines.join('\n') + '\n';
}

/** One tune with a single music line of `bytes` (bars of eighths). */
export function singleLongLine(bytes = 200 * 1024): string {
  return grow(bytes, () => 'DEFG ABcd|', 'X:1\nT:One line\nM:4/4\nL:1/8\nK:D\n') + '\n';
}

/** The chorale's frames repeated until the document reaches `bytes`, closed by END. */
export function longChorale(chorale: string, bytes = MEGABYTE): string {
  const start = chorale.indexOf('START');
  const end = chorale.lastIndexOf('END');
  if (start < 0 || end < start) throw new Error('the chorale has no START ... END');
  const head = chorale.slice(0, start + 'START'.length) + '\n';
  const frames = chorale.slice(start + 'START'.length, end).trim() + '\n';
  return grow(bytes - 4, () => frames, head) + 'END\n';
}

/** `text` written again and again (tunes renumbered) until it reaches `bytes`. */
export function repeatedTunebook(text: string, bytes = MEGABYTE): string {
  let n = 0;
  return grow(bytes, () => text.replace(/^X:\s*\d+/gm, () => `X:${++n}`) + '\n');
}

/** Every worst case the host benchmark measures; real data from the shared corpora where it is found. */
export function hostDocuments(corpora: string): HostDocument[] {
  const docs: HostDocument[] = [
    { name: 'tunebook of many tunes, 1 MB', language: 'abc', text: manyTunes() },
    { name: 'one tune without bar lines, 1 MB', language: 'abc', text: tuneWithoutBarLines() },
    { name: 'a problem on every line, 1 MB', language: 'abc', text: problemOnEveryLine() },
    { name: '20,000 voices, 263 KB', language: 'abc', text: manyVoices(20_000) },
    { name: '80,000 voices, 1 MB', language: 'abc', text: manyVoices(80_000) },
    { name: 'one music line, 200 KB', language: 'abc', text: singleLongLine() },
    { name: 'one music line, 1 MB', language: 'abc', text: singleLongLine(MEGABYTE) },
  ];
  const tunebook = join(corpora, 'tunebooks', 'old-time-tunebook.abc');
  if (existsSync(tunebook)) docs.push({ name: 'old-time tunebook repeated, 1 MB', language: 'abc', text: repeatedTunebook(readFileSync(tunebook, 'utf8')) });
  const chorale = join(corpora, 'bach-chorales', 'chor001.satb');
  if (existsSync(chorale)) docs.push({ name: 'chorale of 1 MB', language: 'satb', text: longChorale(readFileSync(chorale, 'utf8')) });
  return docs;
}
