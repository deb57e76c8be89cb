import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRenderMessage, renderKey, type PreviewSource } from '../../src/features/preview/render-payload';
import { chorale, nottingham } from './helpers';
import { decodeFrameSources } from '../../src/preview-protocol/frame-codec';
import { frameSources } from '../../src/features/preview/frame-sources';
import { parseSatb } from '../../src/satb';

function source(over: Partial<PreviewSource> & Pick<PreviewSource, 'text' | 'languageId'>): PreviewSource {
  return { uri: 'file:///x', fileName: 'x', version: 1, cursor: 0, ...over };
}

test('.abc: the tune under the cursor is rendered and mapped back by its offset', () => {
  const text = nottingham('jigs.abc');
  const cursor = text.indexOf('T:Abacus');
  const message = buildRenderMessage(source({ text, languageId: 'abc', cursor, version: 7 }));
  assert.equal(message.type, 'render');
  assert.equal(message.version, 7);
  assert.equal(message.title, 'Abacus');
  assert.match(message.abc, /^X: 2\n/);
  assert.equal(message.mapping.kind, 'offset');
  if (message.mapping.kind === 'offset') assert.equal(text.slice(message.mapping.base, message.mapping.base + message.abc.length), message.abc);
  assert.equal(message.cursor, cursor);
  assert.equal(message.firstLine, text.slice(0, text.indexOf('X: 2')).split('\n').length - 1);
});

test('the render key changes when the cursor moves to another tune, not within one', () => {
  const text = nottingham('jigs.abc');
  const a = renderKey({ languageId: 'abc', text, cursor: text.indexOf('T:Abacus') });
  const b = renderKey({ languageId: 'abc', text, cursor: text.indexOf('T:Abacus') + 40 });
  const c = renderKey({ languageId: 'abc', text, cursor: text.indexOf('T:The American Dwarf') });
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.equal(renderKey({ languageId: 'satb', text: 'START', cursor: 3 }), renderKey({ languageId: 'satb', text: 'END', cursor: 0 }));
});

test('.satb: a chorale becomes ABC in its original key with links to its tokens', () => {
  const text = chorale('chor001.satb');
  const message = buildRenderMessage(source({ text, languageId: 'satb', fileName: 'chor001.satb' }));
  assert.equal(message.title, 'Aus meines Herzens Grunde');
  assert.match(message.abc, /^K:G$/m);
  assert.match(message.abc, /%%score \(S A\) \(T B\)/);
  assert.equal(message.mapping.kind, 'frames');
  if (message.mapping.kind === 'frames') {
    const frames = decodeFrameSources(message.mapping.frames);
    assert.equal(frames.length, (text.match(/\|\|\|/g) ?? []).length);
    assert.deepEqual(frames, frameSources(parseSatb(text).tokens));
  }
  assert.deepEqual(message.diagnostics, []);
  assert.doesNotThrow(() => JSON.stringify(message));
});

test('.satb with errors: the parse errors come with positions and what can be drawn is drawn', () => {
  const text = 'START\n(72,False) (67,False) (64,False) (48,False) |||\n(72,True) (67,Tru) (64,True) |||\nEND\n';
  const message = buildRenderMessage(source({ text, languageId: 'satb' }));
  assert.ok(message.diagnostics.length > 0);
  assert.ok(message.diagnostics.every((d) => d.line >= 0 && d.column >= 0 && d.message.length > 0));
  assert.ok(message.diagnostics.some((d) => d.line === 2), JSON.stringify(message.diagnostics));
});

test('empty documents render nothing and say why', () => {
  for (const languageId of ['abc', 'satb'] as const) {
    const message = buildRenderMessage(source({ text: '', languageId }));
    assert.equal(message.abc, '');
    assert.equal(message.diagnostics.length, 1);
    assert.equal(message.diagnostics[0].severity, 'info');
  }
});
