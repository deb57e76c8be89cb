// The score preview: commands, the panel manager and the serializer that restores panels after a reload.
import * as vscode from 'vscode';
import type { AnalysisClient } from '../../analysis/client';
import { CommandManager } from '../command-manager';
import { OpenPreviewToSideCommand, PlayFromEditorCommand, PlayPreviewCommand, StopPreviewCommand } from './commands';
import { PreviewManager, type SurprisalSource } from './preview-manager';
import { PREVIEW_VIEW_TYPE } from './preview-panel';
import type { PreviewSource } from './render-payload';

export interface PreviewDeps {
  /** Where the render message is built, off the extension host. */
  analysis: AnalysisClient;
  /** Where the preview writes what the user need not see (page errors); defaults to the console. */
  log?: (message: string) => void;
  /** Surprisal computed for a document ("Show Surprisal"), to colour its preview's notes. */
  surprisal?: SurprisalSource;
}

export function registerPreviewSupport(context: vscode.ExtensionContext, deps: PreviewDeps): vscode.Disposable {
  const log = deps.log ?? ((m: string) => console.log(`[bachbot] ${m}`));
  const render = (source: PreviewSource) => deps.analysis.call('render', { source }, `render ${source.uri}`);
  const manager = new PreviewManager(context.extensionUri, log, render, deps.surprisal);
  const commands = new CommandManager();
  commands.register(new OpenPreviewToSideCommand(manager));
  commands.register(new PlayPreviewCommand(manager));
  commands.register(new StopPreviewCommand(manager));
  commands.register(new PlayFromEditorCommand(manager, 'cursor'));
  commands.register(new PlayFromEditorCommand(manager, 'selection'));
  commands.register(new PlayFromEditorCommand(manager, 'loop'));
  return vscode.Disposable.from(commands, vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, manager), manager);
}
