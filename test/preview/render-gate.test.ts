import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RenderGate } from '../../webview/render-gate';

test('a render older than the one shown is dropped', () => {
  const gate = new RenderGate();
  assert.equal(gate.accept('file:///a.abc', 3), true);
  assert.equal(gate.accept('file:///a.abc', 5), true);
  assert.equal(gate.accept('file:///a.abc', 4), false);
  assert.deepEqual(gate.shown, { uri: 'file:///a.abc', version: 5 });
});

test('the same version is drawn again (another tune of the file, a reloaded page)', () => {
  const gate = new RenderGate();
  assert.equal(gate.accept('file:///a.abc', 5), true);
  assert.equal(gate.accept('file:///a.abc', 5), true);
});

test('another document starts afresh whatever its version', () => {
  const gate = new RenderGate();
  assert.equal(gate.accept('file:///a.abc', 9), true);
  assert.equal(gate.accept('file:///b.satb', 1), true);
  assert.equal(gate.accept('file:///b.satb', 0), false);
});
