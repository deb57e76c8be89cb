import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete, loadModel } from '../../src/model';
import { TUNES, abcCompletionProblems } from './helpers/abc-checks';
import { modelDirsFor } from './helpers/model-dirs';
import { satbProblems } from './helpers/satb-checks';

const CHORALE = `% title: validity
% meter: 4/4
START
(67,False) (62,False) (59,False) (43,False) |||
(67,True) (62,True) (59,True) (43,True) |||
(67,True) (62,True) (59,True) (43,True) |||
(67,True) (62,True) (59,True) (43,True) |||
(.) (67,False) (64,False) (60,False) (48,False) |||
(.) (67,True) (64,True) (60,True) (48,True) |||
(69,False) (65,False) (60,False) (53,False) |||
(69,True) (65,True) (60,True) (53,True) |||
(71,False) (67,False) (62,False) (55,False) |||
(71,True) (67,True) (62,True) (55,True) |||
`;

function endCursor(text: string) {
  const lines = text.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1].length };
}

const WANTED = 1000;

for (const { dir, name } of modelDirsFor('satb')) {
  test(`${WANTED} sampled chorale continuations are valid (${name})`, async () => {
    const model = await loadModel(dir);
    const tokens = CHORALE.slice(CHORALE.indexOf('START') + 6).split(/(?<=\s)/);
    let checked = 0;
    for (let call = 0; checked < WANTED; call++) {
      assert.ok(call < WANTED, 'enough distinct continuations come back');
      // Cut after a random token: at a frame boundary, or inside a frame.
      const cut = CHORALE.indexOf('START') + 6 + tokens.slice(0, 1 + (call % (tokens.length - 1))).join('').length;
      const prefix = CHORALE.slice(0, cut);
      const out = await complete(model, prefix, endCursor(prefix), { n: 8, seed: call, maxFrames: 4, temperature: 1.2, topP: 1 });
      for (const s of out) {
        const doc = prefix + s.text + (s.text.endsWith('\n') ? '' : '\n') + 'END\n';
        assert.deepEqual(satbProblems(doc), [], JSON.stringify(s.text));
        checked++;
      }
    }
    await model.dispose();
  });
}

for (const { dir, name } of modelDirsFor('abc')) {
  test(`${WANTED} sampled ABC completions are valid (${name})`, async () => {
    const model = await loadModel(dir);
    let checked = 0;
    for (let call = 0; checked < WANTED; call++) {
      assert.ok(call < WANTED, 'enough distinct completions come back');
      const tune = TUNES[call % TUNES.length];
      const body = tune.indexOf('\n', tune.indexOf('K:')) + 1;
      const cut = body + 1 + ((call * 7) % (tune.length - body - 1));
      const prefix = tune.slice(0, cut);
      const out = await complete(model, prefix, endCursor(prefix), { n: 8, seed: call, maxBars: call % 2, temperature: 1.2, topP: 1 });
      for (const s of out) {
        assert.deepEqual(abcCompletionProblems(prefix + s.text, prefix.length), [], `${JSON.stringify(prefix.slice(body))} + ${JSON.stringify(s.text)}`);
        checked++;
      }
    }
    await model.dispose();
  });
}
