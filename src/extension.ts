// BachBot: the extension's table of contents. Each feature registers itself; nothing heavy happens here
// (the models load on first use, the engine and onnxruntime-node are imported then).
import * as vscode from 'vscode';
import { createAnalysisClient } from './features/analysis';
import { CommandManager } from './features/command-manager';
import { registerCompletionSupport } from './features/completion/provider';
import { ContinueCommand } from './features/continue/command';
import { registerDiagnosticsSupport } from './features/diagnostics';
import { logSettingWarningsTo } from './features/editor';
import { HarmonizeSelectionCommand, ShowAlternativesCommand } from './features/harmonize/commands';
import { registerHoverSupport } from './features/hover';
import { ExportMidiCommand, ImportMidiCommand } from './features/midi/commands';
import { createModelService, type BachbotModels } from './features/models';
import { registerOutlineSupport } from './features/outline';
import { registerPreviewSupport } from './features/preview';
import { ModelStatusBar } from './features/status';
import { ShowSurprisalCommand, SurprisalDecorations } from './features/surprisal/command';
import { TransposeCommand } from './features/transpose/command';
import { OpenExampleCommand } from './features/walkthrough/open-example';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('BachBot', { log: true });
  const log = (message: string) => output.info(message);
  logSettingWarningsTo((message) => output.warn(message));
  const { models, disposable: modelService } = createModelService(context, log);
  const surprisal = new SurprisalDecorations();
  // Diagnostics, the outline, hover and the preview's score read whole documents: in a worker thread, so that
  // no edit of a large document holds up the extension host.
  const analysis = createAnalysisClient(log);

  context.subscriptions.push(
    output,
    modelService,
    new ModelStatusBar(models),
    registerDiagnosticsSupport(analysis, log),
    registerHoverSupport(analysis),
    registerOutlineSupport(analysis),
    registerCompletionSupport(models, log),
    surprisal,
    registerCommands(context, models, surprisal),
    registerPreviewSupport(context, { analysis, log, surprisal }),
    { dispose: () => analysis.dispose() },
  );
}

function registerCommands(context: vscode.ExtensionContext, models: BachbotModels, surprisal: SurprisalDecorations): vscode.Disposable {
  const commands = new CommandManager();
  commands.register(new HarmonizeSelectionCommand(models));
  commands.register(new ShowAlternativesCommand(models));
  commands.register(new ContinueCommand(models));
  commands.register(new ExportMidiCommand());
  commands.register(new ImportMidiCommand());
  commands.register(new ShowSurprisalCommand(models, surprisal));
  commands.register(new TransposeCommand());
  commands.register(new OpenExampleCommand(context.extensionUri));
  return commands;
}

export function deactivate(): void {}
