// The preview's commands: open beside the editor, play (or pause), stop.
import * as vscode from 'vscode';
import type { Command } from '../command-manager';
import type { PreviewManager } from './preview-manager';
import { previewLanguageOf } from './preview-panel';

export class OpenPreviewToSideCommand implements Command {
  readonly id = 'bachbot.openPreviewToSide';

  constructor(private readonly manager: PreviewManager) {}

  async execute(resource?: unknown): Promise<void> {
    const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('BachBot: open an .abc or .satb file to preview it.');
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (!previewLanguageOf(document)) {
      void vscode.window.showInformationMessage('BachBot: the preview shows .abc and .satb files only.');
      return;
    }
    this.manager.openToSide(uri);
  }
}

export class PlayPreviewCommand implements Command {
  readonly id = 'bachbot.preview.play';

  constructor(private readonly manager: PreviewManager) {}

  execute(): void {
    const target = this.manager.target();
    if (!target) {
      void vscode.window.showInformationMessage('BachBot: open a preview first (BachBot: Open Preview to the Side).');
      return;
    }
    target.post({ type: 'playback-command', command: 'toggle' });
  }
}

export class StopPreviewCommand implements Command {
  readonly id = 'bachbot.preview.stop';

  constructor(private readonly manager: PreviewManager) {}

  execute(): void {
    this.manager.target()?.post({ type: 'playback-command', command: 'stop' });
  }
}
