import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFakeVscode } from './fake-vscode';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('activation registers every contributed command, the providers and the status bar, without loading a model', async () => {
  const record = installFakeVscode();
  const extension = await import('../../src/extension');
  const subscriptions: { dispose(): unknown }[] = [];
  const started = performance.now();
  extension.activate({ subscriptions, extensionPath: root, extensionUri: {} } as never);
  const elapsed = performance.now() - started;

  const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);
  for (const id of contributed) assert.ok(record.commands.includes(id), `${id} is contributed but not registered`);
  assert.equal(record.inlineProviders.length, 1);
  assert.equal(record.hoverProviders.length, 1);
  assert.equal(record.symbolProviders.length, 1);
  assert.equal(record.statusBarItems.length, 1);
  const onnx = Object.keys(require.cache).filter((k) => k.includes('onnxruntime'));
  assert.deepEqual(onnx, [], 'onnxruntime-node is loaded on first use, not at activation');
  assert.ok(elapsed < 500, `activate took ${elapsed.toFixed(0)} ms`);

  for (const d of subscriptions) d.dispose();
  assert.deepEqual(record.commands, [], 'disposing the subscriptions unregisters the commands');
});

test('the manifest activates on the languages and the preview (VS Code activates on contributed commands by itself), never on "*"', () => {
  const events: string[] = manifest.activationEvents;
  assert.ok(!events.includes('*'));
  for (const e of ['onLanguage:abc', 'onLanguage:satb', 'onWebviewPanel:bachbot.preview']) assert.ok(events.includes(e), e);
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['bachbot.modelPath']);
  const props = Object.keys(manifest.contributes.configuration.properties);
  for (const key of ['bachbot.completion.enabled', 'bachbot.completion.delayMs', 'bachbot.completion.length', 'bachbot.completion.temperature', 'bachbot.executionProvider', 'bachbot.modelPath']) {
    assert.ok(props.includes(key), key);
  }
});
