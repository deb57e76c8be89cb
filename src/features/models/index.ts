/** The shared model service as the extension uses it: bundled models, settings, trust, and error messages. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineClient } from '../../engine/engine-client';
import { sourceEngineWorker } from '../../engine/source-worker';
import type { EngineModel } from '../../engine/engine-model';
import { unknownProviderMessage } from '../../model/runtime/providers';
import { currentSettings } from '../editor';
import { findModelDir } from './find-model';
import { ModelService } from './model-service';

export type BachbotModels = ModelService<{ abc: EngineModel; satb: EngineModel; harmonizer: EngineModel }>;

const MODEL_NAMES = { abc: 'ABC model', satb: 'chorale model', harmonizer: 'harmonizer' } as const;

export function createModelService(context: vscode.ExtensionContext, log: (message: string) => void): { models: BachbotModels; disposable: vscode.Disposable } {
  const bundled = path.join(context.extensionPath, 'models');
  const engine = new EngineClient(engineWorker());
  const models: BachbotModels = new ModelService({
    provider: () => currentSettings().executionProvider,
    providerOf: (model) => (model as EngineModel).provider,
    providerNoteOf: (model) => (model as EngineModel).providerNote,
    locate: (language) => findModelDir(currentSettings().modelPath ?? bundled, language),
    load: async (dir, provider) => {
      const refused = unknownProviderMessage(provider);
      if (refused) throw new Error(`bachbot.executionProvider: ${refused}`);
      const model = await engine.load(dir, provider);
      log(`loaded ${dir} on ${model.providerNote}`);
      return model;
    },
  });
  const stops = engine.onDidStop(({ reason, expected }) => {
    models.invalidate(); // its models went with the worker; the next request loads them in a new one
    log(`the engine process stopped: ${reason}`);
    if (!expected) void vscode.window.showErrorMessage(`BachBot's engine stopped (${reason}). It starts again on the next request.`);
  });
  const failures = models.onDidFail(({ language, message }) => {
    log(`the ${language} model failed to load: ${message}`);
    void vscode.window.showErrorMessage(`BachBot could not load its ${MODEL_NAMES[language]}: ${message}`);
  });
  const settings = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('bachbot.executionProvider') || e.affectsConfiguration('bachbot.modelPath')) models.invalidate();
  });
  const trust = vscode.workspace.onDidGrantWorkspaceTrust(() => models.invalidate());
  return { models, disposable: vscode.Disposable.from(stops, failures, settings, trust, { dispose: () => models.dispose() }, { dispose: () => engine.dispose() }) };
}

/** The bundle's out/engine-worker.js beside out/extension.js; from source (tests run TypeScript), its entry through tsx. */
function engineWorker(): { script: string; execArgv?: string[] } {
  if (__filename.endsWith('.ts')) return sourceEngineWorker();
  return { script: path.join(__dirname, 'engine-worker.js') };
}
