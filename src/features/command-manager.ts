import * as vscode from 'vscode';

/** A command of the extension: a fixed id and what it does. */
export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export class CommandManager implements vscode.Disposable {
  private readonly registrations = new Map<string, vscode.Disposable>();

  register<T extends Command>(command: T): vscode.Disposable {
    if (this.registrations.has(command.id)) throw new Error(`command ${command.id} registered twice`);
    const d = vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.execute(...args));
    this.registrations.set(command.id, d);
    return new vscode.Disposable(() => {
      this.registrations.get(command.id)?.dispose();
      this.registrations.delete(command.id);
    });
  }

  dispose(): void {
    for (const d of this.registrations.values()) d.dispose();
    this.registrations.clear();
  }
}
