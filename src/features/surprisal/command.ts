/** "BachBot: Show Surprisal": how expected each note is under the model, as coloured decorations with hovers. */
import * as vscode from 'vscode';
import type { Command } from '../command-manager';
import { Disposable } from '../dispose';
import { activeNotationEditor, offsetRange, plainReason } from '../editor';
import type { BachbotModels } from '../models';
import { withCancellableProgress } from '../progress';
import type { SurprisalMark } from '../../preview-protocol/messages';
import type { SurprisalSource } from '../preview/preview-manager';
import { bucketOf, SURPRISAL_BUCKETS, surprisalMarks, surprisalText } from '../../preview-protocol/surprisal-buckets';
import type { SpanSurprisal } from '../../model';

interface Shown {
  version: number;
  spans: SpanSurprisal[];
  /** The same spans as the preview colours them. */
  marks: SurprisalMark[];
}

export class SurprisalDecorations extends Disposable implements SurprisalSource {
  private readonly types = SURPRISAL_BUCKETS.map((b) =>
    this.register(vscode.window.createTextEditorDecorationType({ backgroundColor: b.background, borderRadius: '2px' })),
  );
  private readonly shown = new Map<string, Shown>();
  private readonly shownEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidShow = this.shownEmitter.event;

  constructor() {
    super();
    // Surprisal describes one version of the text: an edit makes it stale, so it goes.
    this.register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.clear(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.shown.delete(d.uri.toString())));
    this.register(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.paint(e))));
  }

  show(document: vscode.TextDocument, version: number, spans: SpanSurprisal[]): void {
    this.shown.set(document.uri.toString(), { version, spans, marks: surprisalMarks(spans) });
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.paint(editor);
    this.shownEmitter.fire(document.uri);
  }

  marksFor(documentUri: vscode.Uri): { version: number; marks: SurprisalMark[] } | undefined {
    const shown = this.shown.get(documentUri.toString());
    return shown && { version: shown.version, marks: shown.marks };
  }

  private paint(editor: vscode.TextEditor): void {
    const shown = this.shown.get(editor.document.uri.toString());
    const fresh = shown && shown.version === editor.document.version;
    const perBucket: vscode.DecorationOptions[][] = this.types.map(() => []);
    if (fresh) {
      for (const s of shown.spans) {
        perBucket[bucketOf(s.nats)].push({ range: offsetRange(editor.document, s.start, s.end), hoverMessage: `${s.token}: ${surprisalText(s.nats)}` });
      }
    }
    this.types.forEach((type, b) => editor.setDecorations(type, perBucket[b]));
  }

  private clear(document: vscode.TextDocument): void {
    if (!this.shown.delete(document.uri.toString())) return;
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.paint(editor);
  }
}

export class ShowSurprisalCommand implements Command {
  readonly id = 'bachbot.showSurprisal';

  constructor(
    private readonly models: BachbotModels,
    private readonly decorations: SurprisalDecorations,
  ) {}

  async execute(): Promise<void> {
    const target = activeNotationEditor('Show Surprisal');
    if (!target) return;
    const { editor, language } = target;
    const document = editor.document;
    const version = document.version;
    const text = document.getText();
    try {
      const result = await withCancellableProgress('BachBot: scoring notes…', async (signal) => {
        const model = await this.models.get(language, { retry: true });
        if (signal.aborted) return undefined;
        return this.models.track(model.score(language, text, signal));
      });
      if (!result) return;
      if (document.version !== version) {
        void vscode.window.showWarningMessage('The document changed while BachBot was scoring it; run Show Surprisal again.');
        return;
      }
      this.decorations.show(document, version, result.spans);
      if (result.spans.length === 0) {
        void vscode.window.showInformationMessage(`BachBot found no notes to score${result.stoppedAt ? `: ${result.stoppedAt.reason}` : ''}.`);
      } else if (result.stoppedAt) {
        const at = document.positionAt(result.stoppedAt.offset);
        void vscode.window.showInformationMessage(`Surprisal shown up to line ${at.line + 1}: ${result.stoppedAt.reason}.`);
      }
    } catch (e) {
      void vscode.window.showErrorMessage(`BachBot could not score this document: ${plainReason(e)}`);
    }
  }
}
