// Owns the preview panels: one per document, opened beside the editor, restored after a reload.
import * as vscode from 'vscode';
import type { PreviewPageState, SurprisalMark } from './messages';
import { PREVIEW_VIEW_TYPE, PreviewPanel, webviewOptions, type PreviewPanelStatus } from './preview-panel';

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer<PreviewPageState> {
  private readonly panels = new Set<PreviewPanel>();
  private lastActive: PreviewPanel | undefined;
  private readonly surprisal = new Map<string, { version: number; marks: SurprisalMark[] }>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
  ) {}

  openToSide(documentUri: vscode.Uri): void {
    const existing = this.find(documentUri);
    if (existing) {
      existing.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Preview',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.extensionUri),
    );
    this.adopt(panel, documentUri);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewPageState | undefined): Promise<void> {
    const uri = typeof state?.uri === 'string' ? parseUri(state.uri) : undefined;
    if (!uri) {
      panel.dispose();
      return;
    }
    try {
      await vscode.workspace.openTextDocument(uri);
    } catch (err) {
      this.log(`preview: cannot restore ${uri.toString()}: ${err instanceof Error ? err.message : String(err)}`);
      panel.dispose();
      return;
    }
    this.adopt(panel, uri);
  }

  /** The panel commands like play and stop act on: the focused preview, else the active editor's, else the last used. */
  target(): PreviewPanel | undefined {
    for (const p of this.panels) if (p.panel.active) return p;
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    const forEditor = editorUri && this.find(editorUri);
    return forEditor || this.lastActive || [...this.panels][0];
  }

  /** Surprisal for one version of a document, shown in its preview if one is open (and in one opened later). */
  showSurprisal(documentUri: vscode.Uri, version: number, marks: SurprisalMark[]): void {
    this.surprisal.set(documentUri.toString(), { version, marks });
    this.find(documentUri)?.showSurprisal(version, marks);
  }

  get statuses(): PreviewPanelStatus[] {
    return [...this.panels].map((p) => p.status);
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    this.panels.clear();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, documentUri: vscode.Uri): void {
    const preview = new PreviewPanel(webviewPanel, documentUri, this.extensionUri, this.log);
    const surprisal = this.surprisal.get(documentUri.toString());
    if (surprisal) preview.showSurprisal(surprisal.version, surprisal.marks);
    this.panels.add(preview);
    this.lastActive = preview;
    webviewPanel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.lastActive = preview;
    });
    preview.onDidDispose(() => {
      this.panels.delete(preview);
      if (this.lastActive === preview) this.lastActive = undefined;
    });
  }

  private find(documentUri: vscode.Uri): PreviewPanel | undefined {
    const key = documentUri.toString();
    for (const p of this.panels) if (p.documentUri.toString() === key) return p;
    return undefined;
  }
}

function parseUri(text: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(text, true);
  } catch {
    return undefined;
  }
}
