import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketOf, SURPRISAL_BUCKETS, surprisalMarks, surprisalText } from '../../src/preview-protocol/surprisal-buckets';
import { scoringTarget, surprisals } from '../../src/model';
import type { LanguageModelStep, LstmState } from '../../src/model/step';

test('surprisal buckets: boundaries are inclusive at the lower end', () => {
  assert.equal(bucketOf(0), 0);
  assert.equal(bucketOf(0.99), 0);
  assert.equal(bucketOf(1), 1);
  assert.equal(bucketOf(3), 2);
  assert.equal(bucketOf(4), 3);
  assert.equal(bucketOf(12), SURPRISAL_BUCKETS.length - 1);
  assert.equal(bucketOf(Infinity), SURPRISAL_BUCKETS.length - 1);
});

test('surprisal text gives nats, probability and bucket name', () => {
  assert.equal(surprisalText(Math.log(2)), 'surprisal 0.69 nats (p ≈ 50%), expected');
  assert.equal(surprisalText(Math.log(40)), 'surprisal 3.69 nats (p ≈ 2.5%), unusual');
});

/** A fake model over 3 tokens whose logits depend only on the last token read: next = (last + 1) % 3 is likely. */
function fakeStepper(): LanguageModelStep {
  return {
    vocabSize: 3,
    layers: 1,
    hidden: 1,
    async step(ids: ArrayLike<number>, state: LstmState) {
      const logits = new Float32Array(3);
      logits[(ids[0] + 1) % 3] = Math.log(8); // p = 8/10 for the likely token, 1/10 for each other
      return { logits, state };
    },
    async dispose() {},
  };
}

test("the preview's marks carry each span's range, bucket and hover words", () => {
  assert.deepEqual(surprisalMarks([{ start: 10, end: 12, token: 'G2', nats: Math.log(40) }]), [
    { start: 10, end: 12, bucket: 2, text: 'G2: surprisal 3.69 nats (p ≈ 2.5%), unusual' },
  ]);
});

test('surprisals read each token under the model given what came before', async () => {
  const s = await surprisals(fakeStepper(), [0, 1, 0]);
  assert.equal(s.length, 3);
  assert.equal(s[0], 0);
  assert.ok(Math.abs(s[1] - -Math.log(0.8)) < 1e-6);
  assert.ok(Math.abs(s[2] - -Math.log(0.1)) < 1e-6);
  await assert.rejects(surprisals(fakeStepper(), [0, 1, 2], AbortSignal.abort()), /abort/);
});

const VOCAB = ['START', 'END', '(.)', '|||', '(r)', '(72,False)', '(67,False)', '(64,False)', '(48,False)', '(72,True)'];
const vocab = { id: (t: string) => (VOCAB.includes(t) ? VOCAB.indexOf(t) : undefined) };

test('SATB scoring target: ids in model order, spans on the voice tokens', () => {
  const text = 'START\n(72,False) (67,False) (64,False) (48,False) |||\n(.) (72,True) (r) (r) (r) |||\nEND\n';
  const t = scoringTarget('satb', text, vocab);
  assert.equal(t.stoppedAt, undefined);
  assert.deepEqual(t.pieces[0].ids.map((i) => VOCAB[i]).join(' '), 'START (72,False) (67,False) (64,False) (48,False) ||| (.) (72,True) (r) (r) (r) ||| END');
  const spans = t.pieces[0].spans.filter((s) => s !== undefined);
  assert.equal(spans.length, 8);
  assert.equal(text.slice(spans[1]!.start, spans[1]!.end), '(67,False)');
});

test('SATB scoring target stops at a slot and says where', () => {
  const t = scoringTarget('satb', 'START\n(72,False) (?) (?) (?) |||\nEND\n', vocab);
  assert.match(t.stoppedAt?.reason ?? '', /slot/);
  assert.deepEqual(t.pieces[0].ids.map((i) => VOCAB[i]), ['START', '(72,False)']);
});

test('ABC scoring target: one piece per tune; a token outside the vocabulary stops only its tune', () => {
  const tokens = ['<tune>', '</tune>', 'M:4/4', 'L:1/8', 'K:C', 'C', 'D', '|', '\n'];
  const abcVocab = { id: (t: string) => (tokens.includes(t) ? tokens.indexOf(t) : undefined) };
  const text = 'X:1\nM:4/4\nL:1/8\nK:C\nCD|^F|\n\nX:2\nM:4/4\nL:1/8\nK:C\nDC|\n';
  const t = scoringTarget('abc', text, abcVocab);
  assert.equal(t.pieces.length, 2);
  assert.match(t.stoppedAt?.reason ?? '', /"\^F" is not in the model's vocabulary/);
  assert.deepEqual(t.pieces[0].ids.map((i) => tokens[i]), ['<tune>', 'M:4/4', 'L:1/8', 'K:C', 'C', 'D', '|']);
  assert.equal(t.pieces[1].ids.map((i) => tokens[i]).join(' '), '<tune> M:4/4 L:1/8 K:C D C | </tune>');
  const decorated = t.pieces[1].spans.filter((s) => s).map((s) => text.slice(s!.start, s!.end));
  assert.deepEqual(decorated, ['D', 'C']);
});

test('SATB scoring target of 4,000- and 50,000-frame chorales: every voice scored, each on its own span', () => {
  for (const count of [4_000, 50_000]) {
    const frames = Array.from({ length: count }, (_, i) => (i % 2 ? '(72,True) (67,False) (64,False) (48,False) |||' : '(.) (72,False) (r) (64,False) (48,False) |||'));
    const text = `START\n${frames.join('\n')}\nEND\n`;
    const t = scoringTarget('satb', text, vocab);
    assert.equal(t.stoppedAt, undefined);
    const [piece] = t.pieces;
    assert.equal(piece.ids.length, 2 + count * 5.5);
    const spans = piece.spans.filter((s) => s !== undefined);
    assert.equal(spans.length, count * 4);
    const last = spans[spans.length - 1]!;
    assert.equal(text.slice(last.start, last.end), '(48,False)');
    assert.equal(last.start, text.lastIndexOf('(48,False)'));
  }
});

test('surprisals give timers a turn, so an abort acts even when every step answers at once', async () => {
  const ids = Array.from({ length: 500_000 }, (_, i) => i % 3);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 5);
  await assert.rejects(surprisals(fakeStepper(), ids, controller.signal), /abort/);
});
