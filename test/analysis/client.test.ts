// The analysis worker as the extension host uses it: the same answers as the notation core in-process, newer
// requests replacing queued ones, and a request that will not finish stopped with its worker, which starts again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisClient } from '../../src/analysis/client';
import { sourceAnalysisWorker } from '../../src/analysis/source-worker';
import { abcOutline } from '../../src/abc/outline';
import { checkDocument } from '../../src/features/diagnostics/check';
import { describeNoteAt } from '../../src/features/hover/describe';
import { buildRenderMessage } from '../../src/features/preview/render-payload';
import { tuneWithoutBarLines } from '../../src/cli/host-documents';

const TUNE = 'X:1\nT:Test\nM:4/4\nL:1/8\nK:G\nV:1\nGABc dedc|BAGF GABc|\nV:2\nDEFG ABcd|z8|\nP:B\nGAB|\n';
const CHORALE = '% meter: 4/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||\n(72,True) (67,True) (64,True) |||\nEND\n';

test('the worker answers each call as the notation core does in-process', async () => {
  const client = new AnalysisClient(sourceAnalysisWorker());
  try {
    assert.deepEqual(await client.call('check', { language: 'abc', text: TUNE }), checkDocument('abc', TUNE));
    assert.deepEqual(await client.call('check', { language: 'satb', text: CHORALE }), checkDocument('satb', CHORALE));
    assert.deepEqual(await client.call('outline', { text: TUNE }), abcOutline(TUNE));
    const offset = TUNE.indexOf('dedc');
    assert.deepEqual(await client.call('hover', { languageId: 'abc', text: TUNE, offset }), describeNoteAt('abc', TUNE, offset));
    const source = { uri: 'file:///c.satb', fileName: 'c.satb', version: 3, languageId: 'satb' as const, text: CHORALE, cursor: 0 };
    assert.deepEqual(await client.call('render', { source }), buildRenderMessage(source));
  } finally {
    client.dispose();
  }
});

test('a newer request with the same key replaces the queued one, which is rejected as aborted', async () => {
  const client = new AnalysisClient(sourceAnalysisWorker());
  try {
    const first = client.call('check', { language: 'abc', text: TUNE }, 'doc');
    const second = client.call('check', { language: 'abc', text: TUNE + 'x' }, 'doc');
    const third = client.call('check', { language: 'abc', text: TUNE }, 'doc');
    const other = client.call('outline', { text: TUNE }, 'outline');
    const superseded = assert.rejects(second, { name: 'AbortError' });
    assert.deepEqual(await first, checkDocument('abc', TUNE)); // already running: it finishes
    await superseded;
    assert.deepEqual(await third, checkDocument('abc', TUNE));
    assert.deepEqual(await other, abcOutline(TUNE));
  } finally {
    client.dispose();
  }
});

test('a request past its time stops the worker and fails; the next request gets a fresh worker', async () => {
  const logged: string[] = [];
  const client = new AnalysisClient({ ...sourceAnalysisWorker(), callTimeoutMs: 300, log: (m) => logged.push(m) });
  try {
    await client.call('check', { language: 'abc', text: TUNE }); // the worker has started
    const text = tuneWithoutBarLines(); // seconds of work for hover: far past 300 ms
    await assert.rejects(client.call('hover', { languageId: 'abc', text, offset: text.length - 2 }), { name: 'AnalysisStoppedError', message: /more than 0.3 s/ });
    assert.equal(logged.length, 1);
    assert.deepEqual(await client.call('check', { language: 'abc', text: TUNE }), checkDocument('abc', TUNE));
  } finally {
    client.dispose();
  }
});

test('a call after dispose is refused, not left waiting', async () => {
  const client = new AnalysisClient(sourceAnalysisWorker());
  client.dispose();
  await assert.rejects(client.call('outline', { text: TUNE }), { name: 'AnalysisStoppedError' });
});
