/** Ghost-text completion: VS Code's inline completion API on top of the plain-Node ghost-text scheduler; the model runs in the engine worker. */
import * as vscode from 'vscode';
import { currentSettings } from '../editor';
import { isNotationLanguage } from '../../notation';
import type { BachbotModels } from '../models';
import { isAbortError } from '../../model/errors';
import { GhostTextScheduler, type CompleteFn } from './ghost-text-scheduler';

class NotationInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly scheduler: GhostTextScheduler,
    private readonly log: (message: string) => void,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[]> {
    const language = document.languageId;
    if (!isNotationLanguage(language) || token.isCancellationRequested) return [];
    // Another extension's suggest widget is open: ghost text would fight it.
    if (context.selectedCompletionInfo) return [];
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const texts = await this.scheduler.provide(
        {
          language,
          text: document.getText(),
          offset: document.offsetAt(position),
          explicit: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke,
        },
        controller.signal,
      );
      if (token.isCancellationRequested) return [];
      return texts.map((text) => new vscode.InlineCompletionItem(text, new vscode.Range(position, position)));
    } catch (e) {
      // Load failures are reported once by the model service; anything else goes to the log, not a dialog per keystroke.
      if (!isAbortError(e)) this.log(`completion failed: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    } finally {
      subscription.dispose();
    }
  }
}

export function registerCompletionSupport(models: BachbotModels, log: (message: string) => void): vscode.Disposable {
  const complete: CompleteFn = async (request, options, signal) => {
    const model = await models.get(request.language);
    if (signal.aborted) return [];
    return models.track(model.complete(request.text, { offset: request.offset }, options, signal));
  };
  const scheduler = new GhostTextScheduler({ complete, settings: currentSettings });
  const provider = new NotationInlineCompletionProvider(scheduler, log);
  return vscode.Disposable.from(
    vscode.languages.registerInlineCompletionItemProvider([{ language: 'abc' }, { language: 'satb' }], provider),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('bachbot') && scheduler.clearCache()),
    { dispose: () => scheduler.dispose() },
  );
}
