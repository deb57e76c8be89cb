import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as abcjs from 'abcjs';
import { choraleToAbc, parseSatb } from '../../src/satb';
import { frameSources } from '../../src/features/preview/frame-sources';
import { linkChoraleNotes } from '../../webview/satb-links';
import type { SatbToken } from '../../src/satb';

function link(abc: string, tokens: SatbToken[]) {
  return linkChoraleNotes(abcjs.parseOnly(abc)[0], frameSources(tokens));
}
import { chorale, choraleNames } from './helpers';

const NOTE_TOKEN = /^\((\d+),(True|False)\)$/;

/** The sounding pitch and position of every note of the ABC, from abcjs's own MIDI sequence. */
function abcPitches(abc: string): Map<number, number> {
  const tune = abcjs.parseOnly(abc)[0] as abcjs.TuneObject & { setUpAudio(o: object): abcjs.AudioTracks };
  const byStart = new Map<number, number>();
  for (const track of tune.setUpAudio({}).tracks) {
    for (const ev of track) if (ev.cmd === 'note') byStart.set(ev.startChar, ev.pitch);
  }
  return byStart;
}

function checkChorale(name: string): void {
  const text = chorale(name);
  const parsed = parseSatb(text);
  const abc = choraleToAbc(parsed.chorale);
  const shift = Number(/transposed by ([+-]?\d+)/.exec(parsed.chorale.meta.key ?? '')?.[1] ?? 0);
  const links = link(abc, parsed.tokens);
  const pitches = abcPitches(abc);
  const tune = abcjs.parseOnly(abc)[0];

  const struck = parsed.tokens.filter((t) => t.kind === 'voice' && /False\)$/.test(t.text)).map((t) => t.range.start.offset);
  const linkedStruck = links.map((l) => l.source.start).filter((s) => /False\)$/.test(text.slice(s, text.indexOf(')', s) + 1)));
  assert.deepEqual([...linkedStruck].sort((a, b) => a - b), struck, `${name}: every struck note is linked exactly once`);

  for (const link of links) {
    const token = text.slice(link.source.start, link.source.end);
    const note = NOTE_TOKEN.exec(token);
    const abcNote = abc.slice(link.abcStart, link.abcEnd).trim();
    if (!note) {
      assert.equal(token, '(r)', `${name}: a non-note links to a rest (${abcNote})`);
      assert.match(abcNote, /^z/);
      continue;
    }
    // A tied continuation (held token) makes no MIDI event of its own; a struck note must sound its pitch.
    const sounded = pitches.get(link.abcStart);
    if (note[2] === 'False' || sounded !== undefined) {
      assert.equal(sounded, Number(note[1]) - shift, `${name}: ${abcNote} at ${link.abcStart} sounds ${token} moved by ${shift}`);
    } else {
      const el = tune.getElementFromChar(link.abcStart) as { pitches?: { endTie?: boolean }[] } | null;
      assert.ok(el?.pitches?.some((p) => p.endTie), `${name}: ${abcNote} at ${link.abcStart} continues a tie`);
    }
    assert.ok(link.tokens.some((r) => r.start === link.source.start), 'the clicked token is one of the covered tokens');
    for (const r of link.tokens) assert.match(text.slice(r.start, r.end), NOTE_TOKEN);
    assert.equal(link.frames.length, link.tokens.length, 'one voice, one token per frame');
  }
}

test('chor001: every ABC note links to the .satb token that sounds it, with the same pitch', () => {
  checkChorale('chor001.satb');
});

test('a spread of corpus chorales link correctly (pickups, meters, keys, rests)', () => {
  const names = choraleNames();
  for (let i = 0; i < names.length; i += 33) checkChorale(names[i]);
});

test('held notes cover every frame they sound in; a note split by a bar line links each part', () => {
  const text = ['% meter: 4/4', 'START', ...Array.from({ length: 20 }, (_, i) => `(${i < 12 ? 72 : 74},${i === 0 || i === 12 ? 'False' : 'True'}) (67,${i === 0 ? 'False' : 'True'}) (r) (48,False) |||`), 'END', ''].join('\n');
  const parsed = parseSatb(text);
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
  const abc = choraleToAbc(parsed.chorale);
  const links = link(abc, parsed.tokens);
  const soprano = parsed.tokens.filter((t) => t.kind === 'voice').filter((_, i) => i % 4 === 0);
  const first = links.find((l) => l.source.start === soprano[0].range.start.offset);
  assert.ok(first, 'the first soprano note is linked');
  // 12 sixteenths from frame 0: the first bar holds 12 of them in one written note (or tied pieces).
  const covered = links.filter((l) => l.tokens.some((r) => soprano.slice(0, 12).some((t) => t.range.start.offset === r.start)));
  const coveredTokens = new Set(covered.flatMap((l) => l.tokens.map((r) => r.start)));
  for (const t of soprano.slice(0, 12)) assert.ok(coveredTokens.has(t.range.start.offset), `frame token ${t.text} is covered`);
  // The alto's 20-sixteenth note crosses the bar line: two written notes, the second links to a held token.
  const alto = parsed.tokens.filter((t) => t.kind === 'voice').filter((_, i) => i % 4 === 1);
  const altoLinks = links.filter((l) => alto.some((t) => t.range.start.offset === l.source.start));
  assert.ok(altoLinks.length >= 2);
  assert.equal(altoLinks[0].source.start, alto[0].range.start.offset);
  assert.equal(altoLinks[1].source.start, alto[16].range.start.offset, 'the tied part after the bar line starts at frame 16');
  // The tenor rests throughout: its rests link to (r) tokens.
  const tenor = parsed.tokens.filter((t) => t.kind === 'voice').filter((_, i) => i % 4 === 2);
  assert.ok(links.some((l) => l.source.start === tenor[0].range.start.offset));
});

test('ABC that is not four voices links notes to whole frames instead of failing', () => {
  const parsed = parseSatb('START\n(72,False) (67,False) (64,False) (48,False) |||\n(72,True) (67,True) (64,True) (48,True) |||\nEND\n');
  const links = link('X:1\nL:1/16\nK:C\nc2|\n', parsed.tokens);
  assert.equal(links.length, 1);
  assert.equal(parsed.tokens.find((t) => t.kind === 'voice')?.range.start.offset, links[0].source.start);
  assert.deepEqual(link('', parsed.tokens), []);
  assert.deepEqual(linkChoraleNotes(undefined, frameSources(parsed.tokens)), []);
});

test('frame sources: whole frames and each voice token, soprano first', () => {
  const text = 'START\n(.) (72,False) (67,False) (r) (48,False) |||\nEND\n';
  const [frame] = frameSources(parseSatb(text).tokens);
  assert.ok(frame);
  assert.equal(text.slice(frame.start, frame.end), '(.) (72,False) (67,False) (r) (48,False) |||');
  const voices = [0, 2, 4, 6].map((i) => text.slice(frame.voices[i], frame.voices[i + 1]));
  assert.deepEqual(voices, ['(72,False)', '(67,False)', '(r)', '(48,False)']);
});
