// Owns the preview panels: one per document, opened beside the editor, restored after a reload.
import * as vscode from 'vscode';
import type { PreviewPageState, SurprisalMark } from '../../preview-protocol/messages';
import { PREVIEW_VIEW_TYPE, PreviewPanel, webviewOptions, type RenderBuilder } from './preview-panel';

/** Where the preview finds the surprisal the user asked for ("Show Surprisal"); it keeps no copy of its own. */
export interface SurprisalSource {
  /** The marks shown for a document, with the version they describe; undefined when none are. */
  marksFor(documentUri: vscode.Uri): { version: number; marks: SurprisalMark[] } | undefined;
  /** Fires with a document's URI when new marks are shown for it. */
  readonly onDidShow: vscode.Event<vscode.Uri>;
}

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer<PreviewPageState> {
  private readonly panels = new Set<PreviewPanel>();
  private lastActive: PreviewPanel | undefined;
  private readonly surprisalShown: vscode.Disposable | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
    private readonly buildRender: RenderBuilder,
    private readonly surprisal?: SurprisalSource,
  ) {
    this.surprisalShown = surprisal?.onDidShow((uri) => this.find(uri)?.showSurprisal());
  }

  openToSide(documentUri: vscode.Uri): PreviewPanel {
    const existing = this.find(documentUri);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Preview',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.extensionUri),
    );
    return this.adopt(panel, documentUri);
  }

  /** The preview of a document, opened beside its editor if there is none yet. */
  previewOf(documentUri: vscode.Uri): PreviewPanel {
    return this.find(documentUri) ?? this.openToSide(documentUri);
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

  dispose(): void {
    this.surprisalShown?.dispose();
    for (const p of [...this.panels]) p.dispose();
    this.panels.clear();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, documentUri: vscode.Uri): PreviewPanel {
    const preview = new PreviewPanel(webviewPanel, documentUri, this.extensionUri, this.log, this.buildRender, () => this.surprisal?.marksFor(documentUri));
    this.panels.add(preview);
    this.lastActive = preview;
    webviewPanel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.lastActive = preview;
    });
    preview.onDidDispose(() => {
      this.panels.delete(preview);
      if (this.lastActive === preview) this.lastActive = undefined;
    });
    return preview;
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
