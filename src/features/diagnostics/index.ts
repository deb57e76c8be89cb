/** Diagnostics from the notation core, refreshed as the user types (debounced per document). */
import * as vscode from 'vscode';
import type { AnalysisClient } from '../../analysis/client';
import { isAbortError } from '../../model/errors';
import type { NotationDiagnostic } from '../../common/diagnostic';
import { Disposable } from '../dispose';
import { toVsRange } from '../editor';
import { isNotationLanguage } from '../../notation';
import { DIAGNOSTICS_DELAY_MS } from './check';

class DiagnosticsManager extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('bachbot'));
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly analysis: AnalysisClient,
    private readonly log: (message: string) => void,
  ) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => void this.check(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)));
    this.register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    for (const d of vscode.workspace.textDocuments) void this.check(d);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isNotationLanguage(document.languageId)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.check(document);
    }, DIAGNOSTICS_DELAY_MS));
  }

  /** Checked in the analysis worker; a result for a version the user has since changed is dropped. */
  private async check(document: vscode.TextDocument): Promise<void> {
    const language = document.languageId;
    if (!isNotationLanguage(language) || document.isClosed) return;
    const version = document.version;
    try {
      const found = await this.analysis.call('check', { language, text: document.getText() }, `check ${document.uri.toString()}`);
      if (document.isClosed || document.version !== version) return;
      this.collection.set(document.uri, found.map(toVsDiagnostic));
    } catch (e) {
      if (!isAbortError(e)) this.log(`diagnostics failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(document.uri);
  }
}

const SEVERITY: Record<NotationDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toVsDiagnostic(d: NotationDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(d.range), d.message, SEVERITY[d.severity]);
  diagnostic.source = 'bachbot';
  if (d.code) diagnostic.code = d.code;
  return diagnostic;
}

export function registerDiagnosticsSupport(analysis: AnalysisClient, log: (message: string) => void): vscode.Disposable {
  return new DiagnosticsManager(analysis, log);
}
