/** "BachBot: Continue": compose a few bars (or frames) onward from the cursor, inserted as one edit. */
import * as vscode from 'vscode';
import type { Command } from '../command-manager';
import { activeNotationEditor, currentSettings, plainReason } from '../editor';
import { applyDocumentText } from '../harmonize/apply';
import type { BachbotModels } from '../models';
import { withCancellableProgress } from '../progress';
import { continuationText, planContinue } from './plan';

export class ContinueCommand implements Command {
  readonly id = 'bachbot.continue';

  constructor(private readonly models: BachbotModels) {}

  async execute(): Promise<void> {
    const target = activeNotationEditor('Continue');
    if (!target) return;
    const { editor, language } = target;
    const document = editor.document;
    const version = document.version;
    const text = document.getText();
    const position = editor.selection.active;
    const offset = document.offsetAt(position);
    const plan = planContinue(language, text, offset);
    if ('problem' in plan) {
      void vscode.window.showInformationMessage(`BachBot cannot continue here: ${plan.problem}.`);
      return;
    }
    const settings = currentSettings();
    try {
      const suggestions = await withCancellableProgress('BachBot: composing…', async (signal) => {
        const model = await this.models.get(language, { retry: true });
        if (signal.aborted) return [];
        const options = { n: 1, temperature: settings.completion.temperature, seed: Date.now() % 1_000_000, ...plan.request };
        return this.models.track(model.complete(text, { offset }, options, signal));
      });
      if (!suggestions) return;
      const insert = continuationText(text, offset, suggestions.map((s) => s.text));
      if (!insert) {
        void vscode.window.showInformationMessage('BachBot found nothing to add here (the piece may be finished).');
        return;
      }
      await applyDocumentText(editor, version, text, text.slice(0, offset) + insert + text.slice(offset), 'continuation');
    } catch (e) {
      void vscode.window.showErrorMessage(`BachBot could not continue: ${plainReason(e)}`);
    }
  }
}
