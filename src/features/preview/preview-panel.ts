// One preview panel showing one document: renders on open, follows edits (throttled) and the cursor,
// and turns clicks on notes into editor selections.
import * as vscode from 'vscode';
import { Disposable } from '../dispose';
import { isNotationLanguage, type NotationLanguage } from '../../notation';
import { createNonce, previewHtml } from './html';
import { isPageToHost, type HostToPage, type PageToHost, type RenderMessage, type SurprisalMark } from '../../preview-protocol/messages';
import { isAbortError } from '../../model/errors';
import { renderKey, type PreviewSource } from './render-payload';
import { Throttle } from './throttle';

export const PREVIEW_VIEW_TYPE = 'bachbot.preview';
/** How often, at most, the preview redraws while the user types. */
export const RENDER_THROTTLE_MS = 300;

/** Builds the page's render message for a source (in the analysis worker: a chorale's score is written there). */
export type RenderBuilder = (source: PreviewSource) => Promise<RenderMessage>;

export function previewLanguageOf(document: vscode.TextDocument): NotationLanguage | undefined {
  if (isNotationLanguage(document.languageId)) return document.languageId;
  const ext = document.uri.path.toLowerCase().split('.').pop() ?? '';
  return isNotationLanguage(ext) ? ext : undefined;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class PreviewPanel extends Disposable {
  private readonly throttle = this.register(new Throttle(RENDER_THROTTLE_MS, () => void this.render()));
  private pageReady = false;
  /** Counts the renders begun: one whose message comes back after a later one began is not posted. */
  private renders = 0;
  private lastPosted: { version: number; key: string } | undefined;
  /** A play request made before the page had drawn the document; sent after the first render. */
  private pendingPlay: HostToPage | undefined;
  private readonly soundingDecoration = this.register(
    vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('editor.wordHighlightStrongBackground'),
      borderColor: new vscode.ThemeColor('editorBracketMatch.border'),
      borderStyle: 'solid',
      borderWidth: '1px',
    }),
  );
  private readonly disposeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly documentUri: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
    private readonly buildRender: RenderBuilder,
    /** The surprisal marks shown for the document, if any, with the version they describe. */
    private readonly surprisal: () => { version: number; marks: SurprisalMark[] } | undefined = () => undefined,
  ) {
    super();
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = this.html(extensionUri);
    this.updateTitle();
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => this.received(m)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.isMine(e.document)) this.throttle.request();
      }),
    );
    this.register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.isMine(e.textEditor.document)) this.cursorMoved(e.textEditor);
      }),
    );
  }

  post(message: HostToPage): void {
    if (this.pageReady) void this.panel.webview.postMessage(message);
  }

  /** Sends a play request now, or after the page has drawn the document when it has not yet. */
  play(message: HostToPage): void {
    const document = this.document();
    const drawn = this.pageReady && this.lastPosted && (!document || renderKey(this.source(document)) === this.lastPosted.key);
    if (drawn) return this.post(message);
    // The page has not drawn this document yet, or shows another of its tunes: draw first, then play.
    this.pendingPlay = message;
    this.throttle.runNow();
  }

  /** Sends the document's surprisal marks to the page, which colours the drawing if it shows their version. */
  showSurprisal(): void {
    const shown = this.surprisal();
    if (shown) this.post({ type: 'surprisal', uri: this.documentUri.toString(), version: shown.version, marks: shown.marks });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.disposeEmitter.fire();
    super.dispose();
    this.panel.dispose();
  }

  private html(extensionUri: vscode.Uri): string {
    const webview = this.panel.webview;
    const asUri = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
    return previewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('out', 'webview.js'),
      styleUri: asUri('media', 'preview.css'),
      settings: { soundFontUrl: asUri('media', 'soundfont') + '/' },
    });
  }

  private received(raw: unknown): void {
    if (!isPageToHost(raw)) return;
    const message: PageToHost = raw;
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.lastPosted = undefined;
        this.throttle.runNow();
        return;
      case 'reveal-source':
        void this.revealSource(message.start, message.end);
        return;
      case 'rendered':
        // What the page drew: for the page's own tests; the host needs nothing from it.
        return;
      case 'sounding':
        this.showSounding(message.ranges);
        return;
      case 'playback':
        if (message.state === 'stopped' || message.state === 'error') this.showSounding([]);
        if (message.state === 'error') void vscode.window.showWarningMessage(`BachBot preview: cannot play: ${message.detail ?? 'unknown error'}`);
        return;
      case 'page-error':
        this.log(`preview page error: ${message.message}`);
        return;
    }
  }

  private async render(): Promise<void> {
    const document = this.document();
    if (!document || !this.pageReady) return;
    const source = this.source(document);
    const key = renderKey(source);
    // Drop a render that would show nothing newer than what the page already has.
    if (this.lastPosted && source.version <= this.lastPosted.version && key === this.lastPosted.key) return;
    const render = ++this.renders;
    try {
      const message = await this.buildRender(source);
      if (render !== this.renders || this.isDisposed) return;
      const shown = this.surprisal();
      const surprisal = shown?.version === source.version ? shown.marks : undefined;
      this.post({ ...message, ...(surprisal ? { surprisal } : {}) });
      this.lastPosted = { version: source.version, key };
      this.updateTitle();
      if (this.pendingPlay) {
        this.post(this.pendingPlay);
        this.pendingPlay = undefined;
      }
    } catch (err) {
      if (isAbortError(err)) return; // a newer render of this document replaced it
      this.log(`preview render failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }

  /** Highlights the notes sounding now in every editor showing the document (nothing when playback stops). */
  private showSounding(ranges: { start: number; end: number }[]): void {
    const document = this.document();
    for (const editor of vscode.window.visibleTextEditors) {
      if (!this.isMine(editor.document) || !document) continue;
      editor.setDecorations(this.soundingDecoration, ranges.map((r) => new vscode.Range(document.positionAt(r.start), document.positionAt(r.end))));
    }
  }

  private cursorMoved(editor: vscode.TextEditor): void {
    const source = this.source(editor.document, editor);
    if (this.lastPosted && renderKey(source) !== this.lastPosted.key) {
      this.throttle.request();
      return;
    }
    this.post({ type: 'cursor', uri: source.uri, offset: source.cursor });
  }

  private source(document: vscode.TextDocument, editor = this.editor()): PreviewSource {
    return {
      uri: document.uri.toString(),
      fileName: document.uri.path.split('/').pop() ?? '',
      version: document.version,
      languageId: previewLanguageOf(document) ?? 'abc',
      text: document.getText(),
      cursor: editor ? document.offsetAt(editor.selection.active) : 0,
    };
  }

  private async revealSource(start: number, end: number): Promise<void> {
    const document = this.document() ?? (await vscode.workspace.openTextDocument(this.documentUri));
    const from = document.positionAt(start);
    const to = document.positionAt(end);
    const column = this.editor()?.viewColumn ?? vscode.ViewColumn.One;
    // The cursor (active end) goes to the start of the note, so that it stays inside it.
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false });
    editor.selection = new vscode.Selection(to, from);
    editor.revealRange(new vscode.Range(from, to), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private updateTitle(): void {
    const name = this.documentUri.path.split('/').pop() ?? 'score';
    this.panel.title = `Preview ${name}`;
  }

  private document(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => this.isMine(d));
  }

  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && this.isMine(active.document)) return active;
    return vscode.window.visibleTextEditors.find((e) => this.isMine(e.document));
  }

  private isMine(document: vscode.TextDocument): boolean {
    return document.uri.toString() === this.documentUri.toString();
  }
}
