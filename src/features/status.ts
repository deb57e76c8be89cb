/** The status bar item: which model and execution provider, and a spinner while the model works. */
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { isNotationLanguage } from '../notation';
import type { BachbotModels } from './models';
import type { ModelServiceState } from './models/model-service';
import { statusText } from './status-text';

export class ModelStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('bachbot.status', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly models: BachbotModels) {
    super();
    this.item.name = 'BachBot';
    this.register(models.onDidChange((state) => this.render(state)));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()));
    this.render(models.state);
    this.updateVisibility();
  }

  private render(state: ModelServiceState): void {
    const { text, tooltip } = statusText(state);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = state.failed.length ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private updateVisibility(): void {
    const id = vscode.window.activeTextEditor?.document.languageId;
    if (id && isNotationLanguage(id)) this.item.show();
    else this.item.hide();
  }
}
