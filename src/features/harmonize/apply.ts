import * as vscode from 'vscode';
import { offsetRange } from '../editor';
import { isStale, minimalEdit } from './text-edit';

/**
 * Writes `newText` over the document as ONE edit (one undo step), unless the document changed since
 * `version` was read: then nothing is applied and the user is told. Returns whether the text was applied.
 */
export async function applyDocumentText(editor: vscode.TextEditor, version: number, oldText: string, newText: string, what: string): Promise<boolean> {
  const document = editor.document;
  if (document.isClosed || isStale(version, document.version) || document.getText() !== oldText) {
    void vscode.window.showWarningMessage(`The document changed while BachBot was working; the ${what} was not applied. Run the command again.`);
    return false;
  }
  const edit = minimalEdit(oldText, newText);
  if (!edit) return true;
  const range = offsetRange(document, edit.start, edit.end);
  // A WorkspaceEdit applies even when the user has switched to another editor meanwhile.
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, range, edit.text);
  const applied = await vscode.workspace.applyEdit(workspaceEdit);
  if (!applied) {
    void vscode.window.showWarningMessage(`VS Code refused the ${what} (the document may be read-only); nothing was changed.`);
    return false;
  }
  const end = document.positionAt(edit.start + edit.text.length);
  if (vscode.window.activeTextEditor?.document !== document) return true;
  editor = vscode.window.activeTextEditor;
  editor.selection = new vscode.Selection(range.start, end);
  editor.revealRange(new vscode.Range(range.start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
