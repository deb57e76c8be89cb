// Issue 13: 10,000 fuzzed inputs per format (ABC, .satb, MIDI) through check, MIDI export and MIDI import.
// Run: npx tsx scripts/fuzz-formats.ts [count]. Prints the count, the errors that are not the documented ones and
// the slowest input; exits 1 when any input threw otherwise or took 5 s or more.
import { abcToMidi, AbcMidiError } from '../src/abc/midi';
import { checkAbc } from '../src/abc/check';
import { NotationError } from '../src/notation/types';
import { satbNotation } from '../src/notation/satb';
import { checkSatb, choraleToMidi, MidiExportError, midiToChorale, MidiImportError, parseSatb } from '../src/satb';
import { rng } from '../test/abc/helpers';
import { bachChorales } from '../test/satb/helpers';

const count = Number(process.argv[2] ?? 10_000);
const next = rng(20261204);
const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
const ABC_BITS = ['|', ':', '[', ']', '(', ')', '-', '/', '2', '9999', 'Z999', 'z', 'C', 'c', "'", ',', '^', '\n', '\r', 'L:500/1\n', 'M:3/5\n', 'Q:1/4=0\n', '\uFEFF', 'V:2\n'];
const SATB_BITS = ['(72,False)', '(?)', '|||', '\n', '\r', '%', 'START', 'END', ' ', '(', ',', 'True', '% meter: 99/4\n', '\uFEFF'];

function mutateText(s: string, bits: string[]): string {
  for (let e = 1 + Math.floor(next() * 5); e > 0; e--) {
    const at = Math.floor(next() * (s.length + 1));
    s = next() < 0.6 ? s.slice(0, at) + pick(bits) + s.slice(at) : s.slice(0, at) + s.slice(at + 1 + Math.floor(next() * 8));
  }
  return s;
}

function run(name: string, make: () => () => void, documented: (e: unknown) => boolean): boolean {
  let slowest = 0;
  const others: string[] = [];
  for (let i = 0; i < count; i++) {
    const job = make();
    const t = performance.now();
    try {
      job();
    } catch (e) {
      if (!documented(e)) others.push(`${i}: ${String(e).slice(0, 160)}`);
    }
    slowest = Math.max(slowest, performance.now() - t);
  }
  console.log(JSON.stringify({ format: name, inputs: count, otherErrors: others.length, slowestMs: Math.round(slowest) }));
  for (const o of others.slice(0, 5)) console.log(`  ${o}`);
  return others.length === 0 && slowest < 5000;
}

const tune = 'X:1\nT:t\nM:4/4\nL:1/8\nQ:1/4=100\nK:G\nV:1\nGABc d2e2|f2-f2 =f4|[GB]4 z4|]\nV:2\nG,4 D,4|G,8|]\n';
const chorale = bachChorales()[0].text;
const midiSeed = choraleToMidi(parseSatb(chorale).chorale);
const ok = [
  run('abc', () => { const t = mutateText(tune, ABC_BITS); return () => { checkAbc(t); abcToMidi(t); }; }, (e) => e instanceof AbcMidiError),
  run('satb', () => { const t = mutateText(chorale, SATB_BITS); return () => { checkSatb(t); satbNotation.toMidi(t, 0); }; }, (e) => e instanceof NotationError || e instanceof MidiExportError),
  run('midi', () => {
    const b = Uint8Array.from(midiSeed);
    for (let e = 1 + Math.floor(next() * 6); e > 0; e--) b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
    const bytes = next() < 0.2 ? b.subarray(0, Math.floor(next() * b.length)) : b;
    return () => void midiToChorale(bytes);
  }, (e) => e instanceof MidiImportError),
].every(Boolean);
process.exitCode = ok ? 0 : 1;
