/**
 * The engine worker's entry point (bundled as out/engine-worker.js): model loading, the grammars, beam
 * search and every onnxruntime call run on this thread, so that the extension host never waits on them.
 * Calls run concurrently; a cancel aborts its call at the engine's next await.
 */
import { parentPort } from 'node:worker_threads';
import { EngineCallHandler } from './engine-calls';
import { serializeError, type FromWorker, type ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('the engine worker must run in a worker thread');

const handler = new EngineCallHandler();
const running = new Map<number, AbortController>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    running.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  handler
    .run(message.call, message.args as never, controller.signal)
    .then(
      (result): FromWorker => ({ type: 'result', id: message.id, result }),
      (error): FromWorker => ({ type: 'error', id: message.id, error: serializeError(error) }),
    )
    .then((reply) => {
      running.delete(message.id);
      port.postMessage(reply);
    });
});
