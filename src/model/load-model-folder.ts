import { loadHarmonizer } from './harmonizer/load-harmonizer';
import type { HarmonizerModel } from './harmonizer/harmonizer-model';
import type { LoadedModel } from './model';
import { ModelLoadError } from './errors';
import { readModelConfigJson } from './model-file';
import { loadModel, type LoadModelOptions } from './runtime/load-model';
import { unknownProviderMessage } from './runtime/providers';

/** Loads a model folder of either kind, by the `type` in its config.json: the harmonizer, or a language model. */
export async function loadModelFolder(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel | HarmonizerModel> {
  const refused = unknownProviderMessage(options.provider ?? 'cpu');
  if (refused) throw new ModelLoadError(refused);
  if (configType(dir) === 'harmonizer') {
    // The harmonizer's beams are small batches: the CPU serves them best; 'auto' answers on the CPU.
    const provider = options.provider === undefined || options.provider === 'auto' ? 'cpu' : options.provider;
    return loadHarmonizer(dir, { provider, nativeBackend: options.nativeBackend });
  }
  return loadModel(dir, options);
}

function configType(dir: string): unknown {
  try {
    return (readModelConfigJson(dir) as { type?: unknown } | null)?.type;
  } catch {
    return undefined; // loadModel reports what is wrong with the folder
  }
}
