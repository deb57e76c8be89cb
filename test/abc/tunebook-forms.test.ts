import { test } from 'node:test';
import assert from 'node:assert/strict';
import abcjs from 'abcjs';
import { decodeAbc, encodeAbc } from '../../src/abc/charset';
import { checkAbc } from '../../src/abc/check';
import { parseAbc } from '../../src/abc/parse';
import { analyzeTiming } from '../../src/abc/timing';
import { parseKey, keyAccidentals } from '../../src/music/key';

const tune = (body: string, header = 'M:4/4\nL:1/8\nK:D') => `X:1\nT:t\n${header}\n${body}\n`;
const findings = (text: string) => checkAbc(text).map((d) => `${d.severity} ${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`);
const abcjsWarnings = (text: string) => abcjs.parseOnly(text)[0].warnings ?? [];

/** The form reads cleanly both here and in abcjs. */
function agreesClean(body: string, header?: string): void {
  const text = tune(body, header);
  assert.deepEqual(abcjsWarnings(text), [], `abcjs warns on ${JSON.stringify(body)}`);
  assert.deepEqual(findings(text), [], JSON.stringify(body));
}

test('y spacers, with or without a width, take no time', () => {
  agreesClean('AyB y2 cd efga|abcd efga|]');
  const t = parseAbc(tune('Ay2B cdef ga|')).tunes[0];
  assert.deepEqual(t.elements.filter((e) => e.kind === 'spacer').map((e) => t.source.slice(e.start, e.end)), ['y2']);
  assert.equal(analyzeTiming(t).bars[0].duration.toString(), '1');
});

test('voice overlay & within a bar: each layer is timed from the bar start, the bar is measured once', () => {
  agreesClean('a2 b2 c2 d2 | A8 & A,4 B,4 | abcd efga|]');
  const { events, bars } = analyzeTiming(parseAbc(tune('a2 b2 c2 d2 | A8 & A,4 B,4 |')).tunes[0]);
  const layer = events.filter((e) => e.voice === '&1');
  assert.deepEqual(layer.map((e) => e.onset.toString()), ['1', '3/2']);
  assert.deepEqual(bars.map((b) => `${b.voice}:${b.duration}`), [':1', ':1']);
});

test('(& ... & ... &) overlays a span of bars; both layers are measured', () => {
  const text = tune('|: (& E2- EF ED | D4 GF | E2- EF GB | A4 GF & G,6 | G,6 | G,4-G,D | D4 G,2 &) :|', 'M:3/4\nL:1/8\nK:G');
  assert.deepEqual(findings(text), []);
  const { events, bars } = analyzeTiming(parseAbc(text).tunes[0]);
  assert.equal(events.find((e) => e.voice === '&1')?.onset.toString(), '0');
  assert.equal(bars.filter((b) => b.voice === '').length, 4);
  assert.equal(bars.filter((b) => b.voice === '&1').length, 4);
  const short = tune('(& E2- EF ED | D4 GF & G,6 | G,4 &) |', 'M:3/4\nL:1/8\nK:G');
  assert.deepEqual(findings(short).map((f) => f.replace(/ \d+:\d+/, '')), ['warning bar is 2/4 long but M:3/4 needs 3/4 (too short)']);
});

test('K: with explicit accidentals, written apart or against the key, and exp', () => {
  for (const k of ['Dm^c', 'Dm ^c', 'D ^c', 'Ddor^c_e', 'D exp ^f ^c']) agreesClean('abcd efga|', `M:4/4\nL:1/8\nK:${k}`);
  assert.equal(keyAccidentals(parseKey('Dm^c').key).C, 1);
  assert.equal(keyAccidentals(parseKey('Dm^c').key).B, -1);
  const exp = keyAccidentals(parseKey('D exp ^f').key);
  assert.deepEqual([exp.F, exp.C], [1, 0]);
  assert.deepEqual(parseKey('Dm^c').spans, { tonic: { start: 0, end: 1 }, explicit: [{ start: 2, end: 4 }] });
  assert.deepEqual(parseKey('F#m _e').spans, { tonic: { start: 0, end: 2 }, explicit: [{ start: 4, end: 6 }] });
  // The pitch of a c in K:Dm^c is C sharp, as abcjs reads it.
  const [t] = abcjs.parseOnly(tune('c8|', 'M:4/4\nL:1/8\nK:Dm^c'));
  assert.equal((t.getKeySignature().accidentals ?? []).some((a: { note: string; acc: string }) => a.note.toLowerCase() === 'c' && a.acc === 'sharp'), true);
});

test('K: and V: with clef=, transpose=, middle= read cleanly', () => {
  agreesClean('abcd efga|', 'M:4/4\nL:1/8\nK:G clef=bass transpose=-12 middle=d');
  agreesClean('[K:Am clef=treble-8] abcd efga|');
});

test('old +decoration+ syntax, also inside chords; !decoration! inside chords', () => {
  agreesClean('+trill+A2 [+slide+DD]2 [!trill!DF]2 +fermata+d2|');
  const t = parseAbc(tune('"D"[+slide+DD]4 A4|')).tunes[0];
  const chord = t.elements.find((e) => e.kind === 'chord');
  assert.equal(chord?.kind === 'chord' && chord.notes.length, 2);
});

test('a stray ] is an invisible bar line; :|["Coda" is an ending labelled by the text', () => {
  agreesClean('abcd efga ]\nabcd efga|]');
  agreesClean('abcd efga :|["Coda" abcd efga |]');
  const t = parseAbc(tune('abcd efga ]')).tunes[0];
  assert.equal(t.elements.filter((e) => e.kind === 'bar').length, 1);
});

test('P: parts and [P:A] start sections (a pickup after them is no short bar)', () => {
  agreesClean('P:A\nA|d2 d2 d2 d2|d4 c3 ||\nP:B\nA|d2 d2 d2 d2|d4 c3 |]');
  agreesClean('[P:A] A|d2 d2 d2 d2|d4 c3 || [P:B] A|d2 d2 d2 d2|d4 c3 |]');
});

test('%%begintext ... %%endtext is text, even with bar lines and blank lines in it', () => {
  const text = tune('%%begintext\nThis | is not: music\n\nnor this\n%%endtext\nabcd efga|]');
  assert.deepEqual(abcjsWarnings(text), []);
  assert.deepEqual(findings(text), []);
  const t = parseAbc(text).tunes[0];
  assert.equal(t.end, text.length - 1, 'the blank line inside the text does not end the tune');
  const header = 'X:1\nT:t\n%%begintext\nnotes | here\n\n%%endtext\nM:4/4\nL:1/8\nK:D\nabcd efga|]\n';
  assert.deepEqual(findings(header), []);
  assert.equal(parseAbc(header).tunes[0].meter.text, '4/4');
});

test('I: and +: fields, U: decorations, fields inside a body', () => {
  agreesClean('abcd efga|\nw:la la la la\nN:a note\nabcd efga|]', 'M:4/4\nL:1/8\nI:linebreak $\nK:D');
  // +: continues the field before it (ABC 2.1; abcjs 6 does not read it): a field line, never music.
  assert.deepEqual(findings(tune('abcd efga|\nw:la la la la\n+:la la la la\nabcd efga|]', 'M:4/4\nL:1/8\nN:first\n+:and more\nK:D')), []);
  agreesClean('Wa8|abcd efga|]', 'M:4/4\nL:1/8\nU:W = !trill!\nK:D');
  agreesClean('abcd efga|\nT:Second part\nQ:1/4=100\nabcd efga|]');
});

test('inline [M:] and [L:] change the bar and the unit', () => {
  agreesClean('abcd efga|[M:3/4] abc def|[L:1/16] abcdefgabcde|]');
  const { bars } = analyzeTiming(parseAbc(tune('abcd efga|[M:3/4] abc def|[L:1/16] abcdefgabcde|]')).tunes[0]);
  assert.deepEqual(bars.map((b) => b.duration.toString()), ['1', '3/4', '3/4']);
});

test('old line break ! at a line end, decoration letters abcjs reads', () => {
  agreesClean('abcd efga|!\nJabcd Refga|]');
});

test('a broken rhythm before a bar line carries into the next bar, as abcjs plays it', () => {
  const text = tune('e/ |: fa f>f | ed B>B | [AE][AD] [AD]> :|\n[AE] |: fa f>f | ed B>B | [AE][AD] [AD]> |]', 'M:2/4\nL:1/8\nK:D');
  assert.deepEqual(findings(text), []);
  const { events } = analyzeTiming(parseAbc(text).tunes[0]);
  const split = events.findIndex((e) => e.element.kind === 'chord' && e.duration.toString() === '3/16');
  assert.equal(events[split + 1].duration.toString(), '1/16');
});

test('a part\'s short last bar and the next part\'s pickup make one bar; a real short bar is still found', () => {
  assert.deepEqual(findings(tune('abcd efga | ab e3- e2|\nA|abcd efga|abcd e4|]')), []);
  assert.deepEqual(findings(tune('abcd efga | ab e3- e2|\nA2|abcd efga|abcd e4|]')).length, 2);
  // The final bar completes the opening anacrusis.
  assert.deepEqual(findings(tune('A|d2 d2 d2 d2|d2 d2 d6 |]'.replace('d2 d2 d6', 'd2 d2 d2 d'))), []);
});

test('bars that are all the same wrong length are one warning that names the likely meter', () => {
  const text = tune('A,D FG | Ac de | fe dA | B2 Bc |\ndc BA | FA EA | BA FD | E2 ED |]');
  assert.deepEqual(findings(text), ['warning 6:1 8 of 8 bars are 2/4 long but M:4/4 needs 4/4: is the meter M:2/4?']);
});

test('an ISO-8859-1 file that says so is read as Latin-1 and written back byte for byte', () => {
  const text = 'X:1\nT:Caf\u00e9 Br\u00fbl\u00e9\n%%abc-charset iso-8859-1\nM:4/4\nK:D\nabcd efga|]\n';
  const bytes = Buffer.from(text, 'latin1');
  const decoded = decodeAbc(bytes);
  assert.equal(decoded.encoding, 'latin1');
  assert.equal(parseAbc(decoded.text).tunes[0].title, 'Caf\u00e9 Br\u00fbl\u00e9');
  assert.deepEqual(encodeAbc(decoded.text, decoded.encoding), bytes);
  assert.equal(decodeAbc(Buffer.from('X:1\nT:Caf\u00e9\nK:D\n', 'utf8')).text, 'X:1\nT:Caf\u00e9\nK:D\n');
});
