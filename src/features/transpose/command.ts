/** "BachBot: Transpose": the tune under the cursor, or the selection, by an interval or to a key; one undo. */
import * as vscode from 'vscode';
import { applyEdits, transposeEdits, TransposeError } from '../../abc/transpose';
import { parseKey } from '../../music/key';
import type { Command } from '../command-manager';
import { applyDocumentText } from '../harmonize/apply';
import { intervalChoices, transposeScope } from './choices';

/** What to transpose by, when the command is run with an argument (keybindings, other extensions, tests). */
export interface TransposeRequest {
  semitones?: number;
  toKey?: string;
}

export class TransposeCommand implements Command {
  readonly id = 'bachbot.transpose';

  async execute(request?: TransposeRequest): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'abc') {
      void vscode.window.showInformationMessage('Transpose works in an ABC (.abc) editor.');
      return;
    }
    const document = editor.document;
    const text = document.getText();
    const version = document.version;
    const scope = transposeScope(text, document.offsetAt(editor.selection.start), document.offsetAt(editor.selection.end));
    if (!scope) {
      void vscode.window.showInformationMessage('Put the cursor in a tune (X: ... K: and its music), or select the notes to transpose.');
      return;
    }
    const how = request?.semitones !== undefined || request?.toKey !== undefined ? request : await askInterval(scope.tuneKeyText, scope.what);
    if (!how) return;
    let newText: string;
    try {
      newText = applyEdits(text, transposeEdits(text, how.semitones ?? 0, { ...scope.options, toKey: how.toKey }));
    } catch (e) {
      if (!(e instanceof TransposeError)) throw e;
      void vscode.window.showErrorMessage(`BachBot could not transpose: ${e.message}`);
      return;
    }
    if (newText === text) {
      void vscode.window.showInformationMessage(`Nothing to transpose in ${scope.what}.`);
      return;
    }
    await applyDocumentText(editor, version, text, newText, 'transposition');
  }
}

async function askInterval(keyText: string | undefined, what: string): Promise<TransposeRequest | undefined> {
  const key = keyText ? parseKey(keyText).key : undefined;
  type Item = vscode.QuickPickItem & { request?: TransposeRequest };
  const items: Item[] = [
    { label: 'To a key…', description: 'G, Em, Bb, F#m …', request: undefined },
    ...intervalChoices(key).map((c) => ({ label: c.label, description: c.description, request: { semitones: c.semitones } })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `BachBot: Transpose ${what}`, placeHolder: 'By an interval, or to a key' });
  if (!picked) return undefined;
  if (picked.request) return picked.request;
  const target = await vscode.window.showInputBox({
    title: `BachBot: Transpose ${what} to a key`,
    prompt: keyText ? `Now K:${keyText}. Each tune moves from its own key, the nearer way.` : 'Each tune moves from its own key, the nearer way.',
    placeHolder: 'G, Em, Bb, F#m, Ador',
    validateInput: (value) => {
      const parsed = parseKey(value.trim());
      return parsed.problems.length === 0 && parsed.spans.tonic ? undefined : `'${value.trim()}' is not a key (e.g. G, Em, Bb, F#m)`;
    },
  });
  return target ? { toKey: target.trim() } : undefined;
}
