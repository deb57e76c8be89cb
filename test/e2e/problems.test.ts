// Bad input and a broken model: diagnostics appear, a corrupt model gets a clear message, the rest keeps
// working. Workspace Trust is on here: trusted, the workspace's bachbot.modelPath is used; in Restricted Mode
// it is ignored and the bundled models work.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { measureAbc, readText } from './harness/notation';
import { repoRoot } from './harness/paths';
import { startSession, withFailureScreenshot, type Session } from './harness/session';

const CORRUPT_DIR = 'corrupt-models';

/** A folder of models whose config.json files are real and whose model.onnx files are garbage. */
function corruptModels(workspace: string): string {
  const root = join(workspace, CORRUPT_DIR);
  for (const type of ['abc', 'satb']) {
    const dir = join(root, type);
    mkdirSync(dir, { recursive: true });
    const shipped = join(repoRoot, 'models', type, 'config.json');
    const config = existsSync(shipped) ? shipped : join(repoRoot, 'test/model/fixtures', `random-${type}`, 'config.json');
    copyFileSync(config, join(dir, 'config.json'));
    writeFileSync(join(dir, 'model.onnx'), 'this is not an ONNX model\n'.repeat(100));
  }
  return root;
}

async function openMalformedAndExpectDiagnostics(session: Session): Promise<void> {
  const wb = session.workbench;
  await wb.openFile('e2e/malformed.abc');
  await wb.explained('no error squiggle', wb.squiggles('error').first().waitFor({ timeout: 30_000 }));
  const rows = await wb.problems();
  assert.ok(rows.some((r) => /unexpected character '#'/.test(r)), `Problems panel lacks the syntax error:\n${rows.join('\n')}`);
  assert.ok(rows.some((r) => /bar is 4\/4 long but M:3\/4 needs 3\/4/.test(r)), `Problems panel lacks the bar-length warning:\n${rows.join('\n')}`);
  const counts = await wb.problemCounts();
  assert.ok(counts.errors >= 1 && counts.warnings >= 1, `status bar counts ${JSON.stringify(counts)}`);
  await wb.press('Control+Shift+M'); // hide the panel again
}

describe('trusted workspace whose bachbot.modelPath points at corrupt models', () => {
  let session: Session;
  before(async () => {
    session = await startSession({
      name: 'problems-trusted',
      trust: 'trusted',
      workspaceSettings: (workspace) => ({ 'bachbot.modelPath': corruptModels(workspace) }),
    });
  }, { timeout: 240_000 });
  after(async () => {
    await session?.close();
  });

  test('a malformed tune gets squiggles and Problems entries with positions', { timeout: 90_000 }, async () =>
    withFailureScreenshot(session, 'problems-1-diagnostics', async () => {
      await openMalformedAndExpectDiagnostics(session);
      await session.workbench.screenshot('problems-1-diagnostics');
    }));

  test('a corrupt model gets a clear error message; no ghost text, no crash', { timeout: 120_000 }, async (t) =>
    withFailureScreenshot(session, 'problems-2-corrupt-model', async () => {
      const wb = session.workbench;
      await wb.openFile('e2e/reel.abc');
      await wb.press('Control+End');
      await wb.page.keyboard.type('GABc', { delay: 40 });
      const message = wb.page.locator('.notifications-toasts .notification-list-item-message', { hasText: /model/i }).first();
      await wb.explained('no message about the corrupt model', message.waitFor({ timeout: 60_000 }));
      const text = await message.innerText();
      t.diagnostic(`message: ${text}`);
      assert.match(text, /abc/i, `the message does not say which model: ${text}`);
      assert.match(text, /onnx|corrupt|invalid|protobuf|damaged|not a valid/i, `the message does not say what is wrong: ${text}`);
      assert.doesNotMatch(text, /\bat \S+:\d+:\d+|TypeError|undefined/, `the message shows a raw exception: ${text}`);
      const status = await wb.bachbotStatus();
      assert.match(status, /BachBot/, 'no BachBot status bar item');
      await wb.screenshot('problems-2-corrupt-model');
      assert.equal(await wb.ghostText().count(), 0, 'ghost text from a corrupt model');
    }));

  test('with the model broken, the preview and the diagnostics still work', { timeout: 120_000 }, async () =>
    withFailureScreenshot(session, 'problems-3-still-working', async () => {
      const wb = session.workbench;
      const { notes } = measureAbc(readText(session.path('e2e/preview.abc')));
      await wb.openFile('e2e/preview.abc');
      await wb.runCommand('BachBot: Open Preview to the Side');
      const frame = await wb.explained('no score in the preview', wb.webviewFrame('#score svg .abcjs-note'));
      assert.equal(await frame.locator('#score .abcjs-note').count(), notes.length, 'notes drawn in the preview');
      await openMalformedAndExpectDiagnostics(session);
      await wb.screenshot('problems-3-still-working');
    }));
});

describe('Restricted Mode: the same workspace setting is ignored', () => {
  let session: Session;
  before(async () => {
    session = await startSession({
      name: 'problems-restricted',
      trust: 'restricted',
      workspaceSettings: (workspace) => ({ 'bachbot.modelPath': corruptModels(workspace) }),
    });
  }, { timeout: 240_000 });
  after(async () => {
    await session?.close();
  });

  test('ghost text comes from the bundled model and diagnostics work', { timeout: 150_000 }, async (t) =>
    withFailureScreenshot(session, 'problems-4-restricted', async () => {
      const wb = session.workbench;
      const statusBar = wb.page.locator('#workbench\\.parts\\.statusbar');
      await statusBar.getByText('Restricted Mode').first().waitFor({ timeout: 30_000 });
      await openMalformedAndExpectDiagnostics(session);
      await wb.openFile('e2e/reel.abc');
      await wb.press('Control+End');
      const latency = await wb.explained('no ghost text in Restricted Mode', wb.typeAndTimeGhostText('GABc', 60_000));
      t.diagnostic(`Restricted Mode: last keystroke to ghost text ${latency} ms`);
      assert.deepEqual(await wb.errorNotifications(), [], 'an error was shown in Restricted Mode');
      await wb.screenshot('problems-4-restricted');
    }));
});
