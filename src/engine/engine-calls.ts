/**
 * What the engine worker does for each call: the models it has loaded, by handle, and the engine's tasks on
 * them. Runs wherever it is put (the worker thread in the extension; in-process in tests).
 */
import { complete, EngineInputError, harmonizeAlternatives, HarmonizerModel, LoadedModel, loadModelFolder, scoreText } from '../model';
import type { ProviderRequest } from '../model/runtime/providers';
import type { CallName, EngineCalls, LoadedInfo } from './protocol';

type Loaded = LoadedModel | HarmonizerModel;

export class EngineCallHandler {
  private readonly models = new Map<number, Loaded>();
  private nextHandle = 1;

  run<C extends CallName>(call: C, args: EngineCalls[C]['args'], signal: AbortSignal): Promise<EngineCalls[C]['result']> {
    const handlers: { [K in CallName]: (a: EngineCalls[K]['args'], s: AbortSignal) => Promise<EngineCalls[K]['result']> } = {
      load: (a) => this.load(a.dir, a.provider),
      unload: async (a) => this.unload(a.handle),
      complete: (a, s) => complete(this.languageModel(a.handle), a.text, a.cursor, a.options, s),
      harmonize: (a, s) => harmonizeAlternatives(this.model(a.handle), a.text, a.language, a.selection, a.options, s),
      score: (a, s) => scoreText(this.languageModel(a.handle), a.language, a.text, s),
    };
    const handler = handlers[call] as (a: unknown, s: AbortSignal) => Promise<EngineCalls[C]['result']>;
    if (!handler) return Promise.reject(new EngineInputError(`unknown engine call '${String(call)}'`));
    return handler(args, signal);
  }

  dispose(): void {
    for (const handle of [...this.models.keys()]) this.unload(handle);
  }

  private async load(dir: string, provider: string): Promise<LoadedInfo> {
    const model = await loadModelFolder(dir, { provider: provider as ProviderRequest });
    const handle = this.nextHandle++;
    this.models.set(handle, model);
    const type = model instanceof HarmonizerModel ? 'harmonizer' : model.type;
    return { handle, type, provider: model.provider, providerNote: model.providerNote };
  }

  private unload(handle: number): void {
    const model = this.models.get(handle);
    this.models.delete(handle);
    void Promise.resolve(model?.dispose()).catch(() => undefined);
  }

  private model(handle: number): Loaded {
    const model = this.models.get(handle);
    if (!model) throw new EngineInputError('the model was unloaded (the settings changed); try again');
    return model;
  }

  private languageModel(handle: number): LoadedModel {
    const model = this.model(handle);
    if (!(model instanceof LoadedModel)) throw new EngineInputError('the harmonizer does not complete text; a language model does');
    return model;
  }
}
