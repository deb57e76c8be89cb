/** Hover over a note: its pitch, octave and length (ABC); its voice and spelled pitch (chorales). */
import * as vscode from 'vscode';
import { offsetRange } from '../editor';
import { describeNoteAt } from './describe';

class NoteHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    if (token.isCancellationRequested) return undefined;
    const info = describeNoteAt(document.languageId, document.getText(), document.offsetAt(position));
    if (!info) return undefined;
    const [first, ...rest] = info.lines;
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(`**${escape(first)}**`);
    for (const line of rest) markdown.appendMarkdown(`  \n${escape(line)}`);
    return new vscode.Hover(markdown, offsetRange(document, info.start, info.end));
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

export function registerHoverSupport(): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: 'abc' }, { language: 'satb' }], new NoteHoverProvider());
}
