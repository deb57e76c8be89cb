import * as vscode from 'vscode';

/**
 * Runs `work` under a cancellable notification; Cancel aborts the signal handed to `work`. Resolves to
 * undefined when the user cancelled.
 */
export async function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        const result = await work(controller.signal);
        return controller.signal.aborted ? undefined : result;
      } catch (e) {
        if (controller.signal.aborted) return undefined;
        throw e;
      } finally {
        subscription.dispose();
      }
    },
  );
}
