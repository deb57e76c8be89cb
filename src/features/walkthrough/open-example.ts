/** "BachBot: Open Example Tune" (the Get Started walkthrough's first step): a packaged example as a new, unsaved ABC document. */
import * as vscode from 'vscode';
import type { Command } from '../command-manager';

const EXAMPLES = ['melody.abc', 'tunes.abc'] as const;

export class OpenExampleCommand implements Command {
  readonly id = 'bachbot.openExample';

  constructor(private readonly extensionUri: vscode.Uri) {}

  async execute(name: unknown = 'melody.abc'): Promise<void> {
    const file = EXAMPLES.find((e) => e === name) ?? 'melody.abc';
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'examples', file));
    // Untitled, so that editing it never changes the installed extension's own file.
    const document = await vscode.workspace.openTextDocument({ language: 'abc', content: new TextDecoder().decode(bytes) });
    await vscode.window.showTextDocument(document);
  }
}
