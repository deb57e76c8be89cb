/** Hover over a note: its pitch, octave and length (ABC); its voice and spelled pitch (chorales). */
import * as vscode from 'vscode';
import type { AnalysisClient } from '../../analysis/client';
import { offsetRange } from '../editor';

class NoteHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analysis: AnalysisClient) {}

  /** The note is described in the analysis worker (the whole tune is read for the accidentals in force). */
  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (token.isCancellationRequested) return undefined;
    const version = document.version;
    const args = { languageId: document.languageId, text: document.getText(), offset: document.offsetAt(position) };
    const info = await this.analysis.call('hover', args, 'hover').catch(() => undefined);
    if (!info || token.isCancellationRequested || document.version !== version) return undefined;
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

export function registerHoverSupport(analysis: AnalysisClient): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: 'abc' }, { language: 'satb' }], new NoteHoverProvider(analysis));
}
