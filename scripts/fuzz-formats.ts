// Issue 13: 10,000 fuzzed inputs per format (ABC, .satb, MIDI) through check, MIDI export and MIDI import, and
// fuzzed ABC along `bachbot convert`'s route (.abc -> .satb -> .mid -> .satb and .abc, and .abc -> .mid) through
// the CLI's own convertBytes.
// Run: npx tsx scripts/fuzz-formats.ts [count]. Prints the count, the errors that are not the documented ones and
// the slowest input; exits 1 when any input threw otherwise or took 5 s or more.
import { abcToMidi, AbcMidiError } from '../src/abc/midi';
import { checkAbc } from '../src/abc/check';
import { NotationError } from '../src/notation/types';
import { satbNotation } from '../src/notation/satb';
import { checkSatb, choraleToMidi, MidiExportError, midiToChorale, MidiImportError, parseSatb } from '../src/satb';
import { convertBytes, ConvertError } from '../src/cli/commands/convert';
import { choraleToAbc } from '../src/satb';
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

/** The errors `bachbot convert` reports as a message and exit status 1 (anything else is a crash there). */
const convertRefusal = (e: unknown) => e instanceof ConvertError || e instanceof MidiImportError || e instanceof MidiExportError;

/** Each fuzzed tune along convert's route, each step fed what the one before wrote; a refusal ends the route. */
function convertRoute(seeds: { abc: string; options: { voice?: string } }[]): boolean {
  const steps = ['abc->satb', 'satb->mid', 'mid->satb', 'mid->abc', 'abc->mid'] as const;
  const tally = Object.fromEntries(steps.map((s) => [s, { converted: 0, refused: 0, slowestMs: 0 }]));
  const others: string[] = [];
  let slowest = { ms: 0, input: '' };
  const utf8 = (t: string | Uint8Array) => (typeof t === 'string' ? new TextEncoder().encode(t) : t);
  for (let i = 0; i < count; i++) {
    const seed = pick(seeds);
    const abc = mutateText(seed.abc, ABC_BITS);
    const t = performance.now();
    const step = (name: (typeof steps)[number], input: string, bytes: Uint8Array, to: string): string | Uint8Array | undefined => {
      const started = performance.now();
      try {
        const out = convertBytes(input, bytes, to, seed.options, () => {});
        tally[name].converted++;
        return out;
      } catch (e) {
        if (convertRefusal(e)) tally[name].refused++;
        else others.push(`${i} ${name}: ${String(e).slice(0, 160)}`);
        return undefined;
      } finally {
        tally[name].slowestMs = Math.max(tally[name].slowestMs, Math.round(performance.now() - started));
      }
    };
    const satb = step('abc->satb', 'in.abc', utf8(abc), '.satb');
    const mid = satb === undefined ? undefined : step('satb->mid', 'in.satb', utf8(satb), '.mid');
    if (mid !== undefined) {
      step('mid->satb', 'in.mid', utf8(mid), '.satb');
      step('mid->abc', 'in.mid', utf8(mid), '.abc');
    }
    step('abc->mid', 'in.abc', utf8(abc), '.mid');
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { ms, input: abc };
  }
  console.log(JSON.stringify({ format: 'convert .abc -> .satb -> .mid -> .satb/.abc, .abc -> .mid', inputs: count, steps: tally, otherErrors: others.length, slowestMs: Math.round(slowest.ms), slowestInput: slowest.input.slice(0, 200) }));
  for (const o of others.slice(0, 5)) console.log(`  ${o}`);
  return others.length === 0 && slowest.ms < 5000;
}

// The two-voice tune with its first voice as the melody (--voice 1), a melody alone, the chorale as four-voice ABC.
const melody = 'X:1\nT:m\nM:3/4\nL:1/8\nK:D\n"D"A2 FA dA|"G"B2 GB dB|"A"c2 e2 "D"d2|]\n';
const converted = convertRoute([{ abc: tune, options: { voice: '1' } }, { abc: melody, options: {} }, { abc: choraleToAbc(parseSatb(chorale).chorale), options: {} }]);
process.exitCode = ok && converted ? 0 : 1;
