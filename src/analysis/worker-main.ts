/** The analysis worker thread's entry point (bundled as out/analysis-worker.js): one call at a time, in order. */
import { parentPort } from 'node:worker_threads';
import { ANALYSIS_CALLS, type FromAnalysis, type ToAnalysis } from './calls';

if (!parentPort) throw new Error('the analysis worker must be started as a worker thread');
const port = parentPort;

port.on('message', ({ call, args }: ToAnalysis) => {
  let reply: FromAnalysis;
  try {
    reply = { ok: true, result: (ANALYSIS_CALLS[call] as (a: unknown) => unknown)(args) };
  } catch (e) {
    reply = { ok: false, name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
