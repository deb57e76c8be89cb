/** "BachBot: Export MIDI" (save dialog) and "BachBot: Import MIDI" (open dialog → a new untitled document). */
import * as vscode from 'vscode';
import type { Command } from '../command-manager';
import { activeNotationEditor, plainReason } from '../editor';
import { isNotationLanguage, type NotationLanguage } from '../../notation';
import { documentToMidi, midiFileName, midiToDocument } from './convert';

export class ExportMidiCommand implements Command {
  readonly id = 'bachbot.exportMidi';

  /** `uri` may be passed by other commands and tests; otherwise a save dialog asks. */
  async execute(uri?: unknown): Promise<vscode.Uri | undefined> {
    const target = activeNotationEditor('Export MIDI');
    if (!target) return undefined;
    const { editor, language } = target;
    const document = editor.document;
    let bytes: Uint8Array;
    try {
      bytes = documentToMidi(language, document.getText(), document.offsetAt(editor.selection.active));
    } catch (e) {
      void vscode.window.showErrorMessage(`BachBot could not export MIDI: ${plainReason(e)}`);
      return undefined;
    }
    const name = midiFileName(document.isUntitled ? undefined : document.uri.path);
    const folder = document.isUntitled ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(document.uri, '..');
    const destination = uri instanceof vscode.Uri ? uri : await vscode.window.showSaveDialog({
      title: 'Export MIDI',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { MIDI: ['mid', 'midi'] },
    });
    if (!destination) return undefined;
    try {
      await vscode.workspace.fs.writeFile(destination, bytes);
      void vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(destination)}.`);
      return destination;
    } catch (e) {
      void vscode.window.showErrorMessage(`BachBot could not write ${destination.fsPath}: ${plainReason(e)}`);
      return undefined;
    }
  }
}

export class ImportMidiCommand implements Command {
  readonly id = 'bachbot.importMidi';

  /** `uri` and `language` may be passed by other commands and tests; otherwise the user is asked. */
  async execute(uri?: unknown, language?: unknown): Promise<vscode.TextDocument | undefined> {
    const source = uri instanceof vscode.Uri ? uri : await pickMidiFile();
    if (!source) return undefined;
    const format = typeof language === 'string' && isNotationLanguage(language) ? language : await pickFormat();
    if (!format) return undefined;
    let content: string;
    try {
      content = midiToDocument(await vscode.workspace.fs.readFile(source), format);
    } catch (e) {
      void vscode.window.showErrorMessage(`BachBot could not import ${source.fsPath}: ${plainReason(e)}`);
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument({ language: format, content });
    await vscode.window.showTextDocument(document);
    return document;
  }
}

async function pickMidiFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Import MIDI', canSelectMany: false, filters: { MIDI: ['mid', 'midi'] } });
  return picked?.[0];
}

async function pickFormat(): Promise<NotationLanguage | undefined> {
  const items: (vscode.QuickPickItem & { language: NotationLanguage })[] = [
    { label: 'Chorale (.satb)', description: 'four voices, one sixteenth per frame', language: 'satb' },
    { label: 'ABC tune (.abc)', description: 'four voices on two staves', language: 'abc' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Import MIDI as' }))?.language;
}
