/** VS Code edge helpers: the active notation editor, ranges, and the settings. */
import * as vscode from 'vscode';
import type { SourceRange } from '../common/diagnostic';
import { isNotationLanguage, type NotationLanguage } from '../notation';
import { SettingsReader, type BachbotSettings } from './settings';

export interface NotationEditor {
  editor: vscode.TextEditor;
  language: NotationLanguage;
}

/** The active editor when it shows an ABC or chorale document; otherwise tells the user and returns undefined. */
export function activeNotationEditor(commandTitle: string): NotationEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  const language = editor?.document.languageId;
  if (!editor || !language || !isNotationLanguage(language)) {
    void vscode.window.showInformationMessage(`${commandTitle} works in an ABC (.abc) or chorale (.satb) editor.`);
    return undefined;
  }
  return { editor, language };
}

export function toVsRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}

export function offsetRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

let settingsReader = new SettingsReader(() => {});

/** Where warnings about settings out of range go (the BachBot output channel). */
export function logSettingWarningsTo(log: (message: string) => void): void {
  settingsReader = new SettingsReader(log);
}

export function currentSettings(): BachbotSettings {
  const config = vscode.workspace.getConfiguration();
  return settingsReader.read((key) => config.get(key), vscode.workspace.isTrusted);
}

/** A plain sentence from any error, for messages to the user. */
export function plainReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s+/g, ' ').trim() || 'unknown error';
}
