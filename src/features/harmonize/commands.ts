/** "BachBot: Harmonize Selection" and "BachBot: Show Alternatives". */
import * as vscode from 'vscode';
import type { TextAlternative } from '../../model';
import { notationOf } from '../../notation';
import type { Command } from '../command-manager';
import { activeNotationEditor, currentSettings, plainReason, type NotationEditor } from '../editor';
import type { BachbotModels } from '../models';
import { withCancellableProgress } from '../progress';
import { applyDocumentText } from './apply';
import { describeAlternative, harmonizeTarget } from './text-edit';

interface Snapshot {
  target: NotationEditor;
  version: number;
  text: string;
}

/** Asks the engine for `count` harmonizations of the active editor's document; undefined when cancelled or refused (said). */
async function harmonizeActiveEditor(models: BachbotModels, count: number, title: string): Promise<{ snapshot: Snapshot; alternatives: TextAlternative[] } | undefined> {
  const target = activeNotationEditor(title);
  if (!target) return undefined;
  const { editor, language } = target;
  const document = editor.document;
  const snapshot: Snapshot = { target, version: document.version, text: document.getText() };
  const selection = harmonizeTarget(language, { start: document.offsetAt(editor.selection.anchor), end: document.offsetAt(editor.selection.active) });
  const settings = currentSettings();
  try {
    const alternatives = await withCancellableProgress(`BachBot: harmonizing…`, async (signal) => {
      // The harmonizer serves both languages (an ABC melody goes through frames); a model folder without one
      // (bachbot.modelPath) harmonizes with its chorale model, left to right.
      const model = await models.get('harmonizer', { retry: true }).catch(() => models.get('satb', { retry: true }));
      if (signal.aborted) return [];
      const options = { beamWidth: Math.max(settings.harmonize.beamWidth, count), alternatives: count, style: settings.harmonize.style };
      return models.track(model.harmonize(snapshot.text, language, selection, options, signal));
    });
    if (!alternatives) return undefined; // cancelled
    return { snapshot, alternatives };
  } catch (e) {
    void vscode.window.showErrorMessage(`BachBot could not harmonize: ${plainReason(e)}`);
    return undefined;
  }
}

function nothingToDo(snapshot: Snapshot, alternatives: TextAlternative[]): boolean {
  if (alternatives.length > 0 && alternatives.some((a) => a.text !== snapshot.text)) return false;
  void vscode.window.showInformationMessage(`Nothing to harmonize here: ${notationOf(snapshot.target.language).harmonize.nothingHint}.`);
  return true;
}

export class HarmonizeSelectionCommand implements Command {
  readonly id = 'bachbot.harmonizeSelection';

  constructor(private readonly models: BachbotModels) {}

  async execute(): Promise<void> {
    const result = await harmonizeActiveEditor(this.models, 1, 'Harmonize Selection');
    if (!result || nothingToDo(result.snapshot, result.alternatives)) return;
    const { snapshot, alternatives } = result;
    await applyDocumentText(snapshot.target.editor, snapshot.version, snapshot.text, alternatives[0].text, 'harmonization');
  }
}

export class ShowAlternativesCommand implements Command {
  readonly id = 'bachbot.showAlternatives';

  constructor(private readonly models: BachbotModels) {}

  async execute(): Promise<void> {
    const count = currentSettings().harmonize.alternatives;
    const result = await harmonizeActiveEditor(this.models, count, 'Show Alternatives');
    if (!result || nothingToDo(result.snapshot, result.alternatives)) return;
    const { snapshot, alternatives } = result;
    const items = alternatives.map((a, i) => ({ ...describeAlternative(snapshot.text, a.text, a.logprob, i), alternative: a }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `BachBot: ${alternatives.length} harmonization${alternatives.length === 1 ? '' : 's'}, most likely first`,
      placeHolder: 'Pick one to write it into the document',
      matchOnDetail: true,
    });
    if (!picked) return;
    await applyDocumentText(snapshot.target.editor, snapshot.version, snapshot.text, picked.alternative.text, 'harmonization');
  }
}
