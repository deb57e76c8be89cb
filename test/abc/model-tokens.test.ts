import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { abcModelTokens, abcTokensToText, classifyAbcToken, abcBarState, advanceBarState } from '../../src/abc/model-tokens';

test('a tune becomes <tune> M: L: K: body </tune>, and back', () => {
  const text = 'X:7\nT:Jig\nM:6/8\nK:G\n"G"^c\'2=F,/2 z|(3abc d>e [CEG]2:|\n[1 g3 ||\n';
  const [piece] = abcModelTokens(text);
  assert.equal(piece.title, 'Jig');
  assert.deepEqual(piece.tokens, [
    '<tune>', 'M:6/8', 'L:1/8', 'K:G', '"G"', "^c'2", '=F,/2', ' ', 'z', '|', '(3', 'a', 'b', 'c', ' ', 'd', '>', 'e', ' ',
    '[CEG]2', ':|', '\n', '[1', ' ', 'g3', ' ', '||', '</tune>',
  ]);
  assert.equal(abcTokensToText(piece.tokens), 'X:1\nM:6/8\nL:1/8\nK:G\n"G"^c\'2=F,/2 z|(3abc d>e [CEG]2:|\n[1 g3 ||');
});

test('comments, lyrics and other body fields leave the stream; K M L P V stay', () => {
  const text = 'X:1\nM:4/4\nL:1/4\nK:D\n% a comment line\nABcd| % trailing\nw: la la la la\nP:B\nK:G % new key\nT:Second part\nGABc|\n';
  const [piece] = abcModelTokens(text);
  assert.equal(abcTokensToText(piece.tokens), 'X:1\nM:4/4\nL:1/4\nK:D\nABcd|\nP:B\nK:G\nGABc|');
});

test('classification: kinds and durations in units of L', () => {
  const d = (t: string) => classifyAbcToken(t).duration?.toString();
  assert.equal(classifyAbcToken("^c'2").kind, 'note');
  assert.equal(d("^c'2"), '2');
  assert.equal(d('=F,/2'), '1/2');
  assert.equal(d('B//'), '1/4');
  assert.equal(d('A3/2'), '3/2');
  assert.equal(classifyAbcToken('z3').kind, 'rest');
  assert.equal(d('z3'), '3');
  assert.equal(classifyAbcToken('Z4').multiMeasure, 4);
  assert.equal(d('[C2E2]3/2'), '3');
  assert.equal(classifyAbcToken('[CEG]').kind, 'chord');
  assert.equal(classifyAbcToken('"Am7"').kind, 'chord-symbol');
  assert.equal(classifyAbcToken('"^Fine"').kind, 'annotation');
  for (const bar of ['|', '||', '|]', '[|', '|:', ':|', '::', ':|2', '|1', ':||:']) assert.equal(classifyAbcToken(bar).kind, 'bar', bar);
  assert.deepEqual(classifyAbcToken(':|2').bar, { repeatStart: false, repeatEnd: true, ending: '2' });
  assert.equal(classifyAbcToken('[2').kind, 'ending');
  assert.deepEqual(classifyAbcToken('(3').tuplet, { p: 3, q: undefined, r: undefined });
  assert.deepEqual(classifyAbcToken('(3:2:4').tuplet, { p: 3, q: 2, r: 4 });
  assert.deepEqual(classifyAbcToken('>>').broken, { direction: '>', count: 2 });
  assert.equal(classifyAbcToken('-').kind, 'tie');
  assert.equal(classifyAbcToken(' ').kind, 'space');
  assert.equal(classifyAbcToken('\n').kind, 'newline');
  assert.equal(classifyAbcToken('K:Am').kind, 'field');
  assert.deepEqual(classifyAbcToken('[M:3/4]').field, { name: 'M', value: '3/4' });
  assert.equal(classifyAbcToken('!fermata!').kind, 'decoration');
  assert.equal(classifyAbcToken('H').kind, 'decoration');
  assert.equal(classifyAbcToken('<tune>').kind, 'special');
  assert.equal(classifyAbcToken('?').kind, 'unknown');
});

test('bar state: meter, unit, key, filled part, pending broken rhythm and tuplets', () => {
  const head = ['<tune>', 'M:6/8', 'L:1/8', 'K:D'];
  let s = abcBarState(head);
  assert.equal(s.meter.text, '6/8');
  assert.equal(s.barLength.toString(), '6');
  assert.equal(s.key.tonic, 'D');
  s = abcBarState([...head, 'A', '|', 'd', '>']);
  assert.equal(s.barDurationSoFar.toString(), '3/2');
  assert.equal(s.pendingBroken?.toString(), '1/2');
  assert.equal(s.barIndex, 1);
  s = advanceBarState(s, 'e');
  assert.equal(s.barDurationSoFar.toString(), '2');
  s = abcBarState([...head, '(3', 'a', 'b']);
  assert.deepEqual([s.tupletRemaining?.notes, s.tupletRemaining?.factor.toString()], [1, '2/3']);
  assert.equal(s.barDurationSoFar.toString(), '4/3');
  s = abcBarState([...head, '{', 'g', '}', 'a2', '[L:1/16]', 'b2']);
  assert.equal(s.barDurationSoFar.toString(), '6', 'grace notes are free; L: change rescales');
  assert.equal(s.barLength.toString(), '12');
  assert.equal(abcBarState([...head, 'a', '|', 'b']).sectionStart, false);
  assert.equal(abcBarState([...head, 'a', '|', 'P:B', '\n', 'b']).sectionStart, true, 'a part label starts a section');
  s = abcBarState([...head, 'a', '||', 'b']);
  assert.equal(s.sectionStart, true);
});

const noteArb = fc
  .tuple(fc.constantFrom('', '^', '_', '=', '^^', '__'), fc.constantFrom(...'CDEFGABcdefgab'), fc.constantFrom('', "'", ',', "''"), fc.constantFrom('', '2', '/2', '3/2', '/', '//', '4', '3'))
  .map(([a, l, o, n]) => a + l + o + n);
const pieceArb = fc.oneof(
  { weight: 8, arbitrary: noteArb },
  fc.constantFrom('z', 'z2', 'x/2', '|', '||', ':|', '|:', '|1', ':|2', '[1', ' ', '  ', '\n', '(3', '>', '<', '-', '"G"', '"Am7"', '!trill!', '~', 'H', '[CEG]', '[c2e2]', '{g}', '[K:D]', '(', ')', '\\\n'),
);

test('random tunes round-trip through tokens (property)', () => {
  fc.assert(
    fc.property(fc.array(pieceArb, { minLength: 1, maxLength: 60 }), fc.constantFrom('K:G', 'K:Am', 'K:Bb'), (pieces, key) => {
      let body = pieces.join('');
      // A line of nothing but spaces is a blank line, which ends a tune: the body has none.
      body = body.replace(/^[ \t]+$/gm, '').replace(/^\n+/, '').replace(/\n+$/, '').replace(/\n\n+/g, '\n');
      if (body.trim() === '') return;
      if (/^[A-Za-z]:/m.test(body)) return; // a line that starts like a field is a field
      const text = `X:1\nT:t\nM:4/4\nL:1/8\n${key}\n${body}\n`;
      const [piece] = abcModelTokens(text);
      const back = abcTokensToText(piece.tokens);
      assert.equal(back, `X:1\nM:4/4\nL:1/8\n${key}\n${body}`);
      assert.deepEqual(abcModelTokens(back)[0].tokens, piece.tokens);
    }),
    { numRuns: 300 },
  );
});
