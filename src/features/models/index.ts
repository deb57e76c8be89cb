/** The shared model service as the extension uses it: bundled models, settings, trust, and error messages. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HarmonizerModel, LoadedModel } from '../../model';
import { unknownProviderMessage } from '../../model/runtime/providers';
import { currentSettings } from '../editor';
import { loadEngine } from '../engine';
import { findModelDir } from './find-model';
import { ModelService } from './model-service';

export type BachbotModels = ModelService<{ abc: LoadedModel; satb: LoadedModel; harmonizer: HarmonizerModel }>;

const MODEL_NAMES = { abc: 'ABC model', satb: 'chorale model', harmonizer: 'harmonizer' } as const;

export function createModelService(context: vscode.ExtensionContext, log: (message: string) => void): { models: BachbotModels; disposable: vscode.Disposable } {
  const bundled = path.join(context.extensionPath, 'models');
  const models: BachbotModels = new ModelService({
    provider: () => currentSettings().executionProvider,
    providerOf: (model) => (model as LoadedModel | HarmonizerModel).provider,
    providerNoteOf: (model) => (model as LoadedModel | HarmonizerModel).providerNote,
    locate: (language) => findModelDir(currentSettings().modelPath ?? bundled, language),
    load: async (dir, provider) => {
      const refused = unknownProviderMessage(provider);
      if (refused) throw new Error(`bachbot.executionProvider: ${refused}`);
      const engine = await loadEngine();
      const model = await engine.loadModelFolder(dir, { provider });
      log(`loaded ${dir} on ${model.providerNote}`);
      return model;
    },
  });
  const failures = models.onDidFail(({ language, message }) => {
    log(`the ${language} model failed to load: ${message}`);
    void vscode.window.showErrorMessage(`BachBot could not load its ${MODEL_NAMES[language]}: ${message}`);
  });
  const settings = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('bachbot.executionProvider') || e.affectsConfiguration('bachbot.modelPath')) models.invalidate();
  });
  const trust = vscode.workspace.onDidGrantWorkspaceTrust(() => models.invalidate());
  return { models, disposable: vscode.Disposable.from(failures, settings, trust, { dispose: () => models.dispose() }) };
}
