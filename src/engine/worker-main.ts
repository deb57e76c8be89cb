/**
 * The engine process's entry point (bundled as out/engine-worker.js, forked by the extension host): model
 * loading, the grammars, beam search and every onnxruntime call run here, so that the extension host never
 * waits on them and survives anything that goes wrong in them. Calls run concurrently; a cancel aborts its
 * call at the engine's next await.
 */
import { EngineCallHandler } from './engine-calls';
import { serializeError, type FromWorker, type ToWorker } from './protocol';

if (!process.send) throw new Error('the engine must be started by the extension host (child_process.fork)');

const handler = new EngineCallHandler();
const running = new Map<number, AbortController>();

process.on('message', (message: ToWorker) => {
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
      if (process.connected) process.send!(reply);
    });
});

// The host went (closed, crashed, reloaded): the engine goes too.
process.on('disconnect', () => process.exit(0));
