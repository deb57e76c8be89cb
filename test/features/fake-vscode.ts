/**
 * Just enough of the `vscode` module to activate the extension in plain Node: records registered commands and
 * providers; every other API answers with an inert object. Installed with `installFakeVscode()` before the
 * extension is imported.
 */
import Module from 'node:module';

export interface FakeVscodeRecord {
  commands: string[];
  errors: string[];
  settings: Record<string, unknown>;
  inlineProviders: unknown[];
  hoverProviders: unknown[];
  symbolProviders: unknown[];
  statusBarItems: unknown[];
}

/** Anything: callable, constructible, every property is another inert thing; `dispose()` works. */
function inert(): any {
  const fn = function () {} as any;
  return new Proxy(fn, {
    get: (_t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : p === 'dispose' ? () => undefined : inert()),
    apply: () => inert(),
    construct: () => inert(),
  });
}

class Disposable {
  constructor(private readonly callOnDispose: () => void = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (l: (e: T) => void) => (this.listeners.push(l), new Disposable());
  fire(e: T) {
    this.listeners.forEach((l) => l(e));
  }
  dispose() {}
}

export function installFakeVscode(): FakeVscodeRecord {
  const record: FakeVscodeRecord = { commands: [], errors: [], settings: {}, inlineProviders: [], hoverProviders: [], symbolProviders: [], statusBarItems: [] };
  const event = () => new Disposable();
  const fake = {
    Disposable,
    EventEmitter,
    Uri: inert(),
    Range: class {
      constructor(readonly start: unknown, readonly end: unknown) {}
    },
    Position: class {
      constructor(readonly line: number, readonly character: number) {}
    },
    Selection: class {},
    ThemeColor: class {},
    MarkdownString: class {},
    Hover: class {},
    InlineCompletionItem: class {
      constructor(readonly insertText: string, readonly range: unknown) {}
    },
    Diagnostic: class {},
    WorkspaceEdit: class {},
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    SymbolKind: { Module: 1, Namespace: 2, Field: 7 },
    FoldingRangeKind: { Comment: 1, Imports: 2, Region: 3 },
    DocumentSymbol: class {},
    FoldingRange: class {},
    StatusBarAlignment: { Left: 1, Right: 2 },
    InlineCompletionTriggerKind: { Invoke: 0, Automatic: 1 },
    ProgressLocation: { Notification: 15 },
    ViewColumn: { One: 1, Beside: -2 },
    TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
    commands: {
      registerCommand: (id: string) => (record.commands.push(id), new Disposable(() => record.commands.splice(record.commands.indexOf(id), 1))),
      executeCommand: async () => undefined,
    },
    languages: {
      createDiagnosticCollection: () => inert(),
      registerHoverProvider: (_s: unknown, p: unknown) => (record.hoverProviders.push(p), new Disposable()),
      registerInlineCompletionItemProvider: (_s: unknown, p: unknown) => (record.inlineProviders.push(p), new Disposable()),
      registerDocumentSymbolProvider: (_s: unknown, p: unknown) => (record.symbolProviders.push(p), new Disposable()),
      registerFoldingRangeProvider: () => new Disposable(),
    },
    window: {
      createOutputChannel: () => inert(),
      createStatusBarItem: () => {
        const item = { show() {}, hide() {}, dispose() {}, text: '', tooltip: '', name: '' };
        record.statusBarItems.push(item);
        return item;
      },
      createTextEditorDecorationType: () => inert(),
      registerWebviewPanelSerializer: () => new Disposable(),
      onDidChangeActiveTextEditor: event,
      onDidChangeVisibleTextEditors: event,
      onDidChangeTextEditorSelection: event,
      onDidChangeTextEditorVisibleRanges: event,
      onDidChangeActiveColorTheme: event,
      activeTextEditor: undefined,
      visibleTextEditors: [],
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showErrorMessage: async (message: string) => (record.errors.push(message), undefined),
    },
    workspace: {
      isTrusted: true,
      textDocuments: [],
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: (key: string) => record.settings[key] }),
      onDidOpenTextDocument: event,
      onDidChangeTextDocument: event,
      onDidCloseTextDocument: event,
      onDidSaveTextDocument: event,
      onDidChangeConfiguration: event,
      onDidGrantWorkspaceTrust: event,
    },
  };
  const moduleAny = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = moduleAny._resolveFilename;
  moduleAny._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fake } as unknown as NodeJS.Module;
  return record;
}
