// The extension activated against a fake `vscode` and ENGINE's tiny random-weight test models: the inline
// completion provider end to end (model loaded lazily from the extension's models/ folder), and a corrupt model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installFakeVscode } from './fake-vscode';
import { atCursor } from './cursor';

const fixtures = join(__dirname, '..', 'model', 'fixtures');
const record = installFakeVscode();

function extensionFolder(models: Record<string, (dir: string) => void>): string {
  const root = mkdtempSync(join(tmpdir(), 'bachbot-ext-'));
  for (const [name, make] of Object.entries(models)) {
    mkdirSync(join(root, 'models', name), { recursive: true });
    make(join(root, 'models', name));
  }
  return root;
}

function document(languageId: string, fixture: string) {
  const { text, offset, line, column } = atCursor(fixture);
  const doc = {
    languageId,
    getText: () => text,
    offsetAt: () => offset,
    version: 1,
  };
  return { doc, position: { line, character: column } };
}

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const CHORALE = '% meter: 4/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||\n┃\nEND\n';

async function activate(root: string) {
  const extension = await import('../../src/extension');
  const subscriptions: { dispose(): unknown }[] = [];
  extension.activate({ subscriptions, extensionPath: root, extensionUri: {} } as never);
  const provider = record.inlineProviders[record.inlineProviders.length - 1] as {
    provideInlineCompletionItems(d: unknown, p: unknown, c: unknown, t: unknown): Promise<{ insertText: string }[]>;
  };
  return { provider, dispose: () => subscriptions.forEach((s) => s.dispose()) };
}

test('ghost text for a chorale comes from the bundled model, loaded on first use', async () => {
  record.settings = { 'bachbot.completion.delayMs': 0, 'bachbot.completion.length': 1 };
  const root = extensionFolder({ satb: (dir) => cpSync(join(fixtures, 'random-satb'), dir, { recursive: true }) });
  const { provider, dispose } = await activate(root);
  try {
    const { doc, position } = document('satb', CHORALE);
    const items = await provider.provideInlineCompletionItems(doc, position, { triggerKind: 0 }, token);
    assert.ok(items.length >= 1, 'at least one suggestion');
    for (const item of items) {
      const frames = item.insertText.trim().split('\n');
      assert.ok(frames.length <= 16, 'one bar of 4/4 at most');
      for (const f of frames) assert.match(f, /^(\(\.\) )?(\((\d+,(True|False)|r)\) ){4}\|\|\|$/, `a whole frame: ${f}`);
    }
    assert.deepEqual(record.errors, []);
  } finally {
    dispose();
  }
});

test('a corrupt model gives one plain error message; completion returns nothing and the rest keeps working', async () => {
  record.settings = { 'bachbot.completion.delayMs': 0 };
  record.errors = [];
  const root = extensionFolder({
    satb: (dir) => {
      cpSync(join(fixtures, 'random-satb', 'config.json'), join(dir, 'config.json'));
      writeFileSync(join(dir, 'model.onnx'), 'this is not an onnx file');
    },
  });
  const { provider, dispose } = await activate(root);
  try {
    const { doc, position } = document('satb', CHORALE);
    assert.deepEqual(await provider.provideInlineCompletionItems(doc, position, { triggerKind: 1 }, token), []);
    assert.deepEqual(await provider.provideInlineCompletionItems(doc, position, { triggerKind: 1 }, token), []);
    assert.equal(record.errors.length, 1, 'told once, not on every keystroke');
    assert.match(record.errors[0], /^BachBot could not load its chorale model: .*model\.onnx/);
  } finally {
    dispose();
  }
});
