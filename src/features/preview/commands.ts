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

/** "Play from Cursor", "Play Selection" (from the cursor when nothing is selected) and "Loop Selection". */
export class PlayFromEditorCommand implements Command {
  readonly id: string;

  constructor(
    private readonly manager: PreviewManager,
    private readonly what: 'cursor' | 'selection' | 'loop',
  ) {
    this.id = { cursor: 'bachbot.playFromCursor', selection: 'bachbot.playSelection', loop: 'bachbot.loopSelection' }[what];
  }

  execute(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !previewLanguageOf(editor.document)) {
      void vscode.window.showInformationMessage('BachBot: put the cursor in an .abc tune or a .satb chorale to play from it.');
      return;
    }
    const document = editor.document;
    const selection = editor.selection;
    const from = document.offsetAt(this.what === 'cursor' ? selection.active : selection.start);
    const to = this.what === 'cursor' || selection.isEmpty ? undefined : document.offsetAt(selection.end);
    this.manager.previewOf(document.uri).play({ type: 'playback-command', command: 'play', span: { from, to, loop: this.what === 'loop' } });
  }
}
