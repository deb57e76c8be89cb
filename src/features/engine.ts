/**
 * The engine (src/model, and with it onnxruntime-node) is imported on first use, never at activation:
 * activation stays fast and a broken native module cannot stop the rest of the extension.
 */
export type EngineModule = typeof import('../model');

let engine: Promise<EngineModule> | undefined;

export function loadEngine(): Promise<EngineModule> {
  engine ??= import('../model');
  engine.catch(() => (engine = undefined));
  return engine;
}
