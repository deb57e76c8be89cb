import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isHostToPage,
  isPageToHost,
  type HostToPage,
  type PageToHost,
} from '../../src/preview-protocol/messages';

// One example of every message; the Record types make the compiler reject a union member left out here.
const pageExamples: { [K in PageToHost['type']]: Extract<PageToHost, { type: K }> } = {
  ready: { type: 'ready' },
  'reveal-source': { type: 'reveal-source', uri: 'file:///a.abc', version: 2, start: 10, end: 12 },
  rendered: { type: 'rendered', uri: 'file:///a.abc', version: 2, notes: 40, warnings: [] },
  playback: { type: 'playback', state: 'playing' },
  sounding: { type: 'sounding', uri: 'file:///a.abc', ranges: [{ start: 10, end: 12 }] },
  'page-error': { type: 'page-error', message: 'boom' },
};
const hostExamples: { [K in HostToPage['type']]: Extract<HostToPage, { type: K }> } = {
  render: {
    type: 'render',
    uri: 'file:///a.abc',
    version: 1,
    languageId: 'abc',
    title: 't',
    abc: 'X:1\nK:C\nC',
    mapping: { kind: 'offset', base: 0 },
    diagnostics: [],
  },
  cursor: { type: 'cursor', uri: 'file:///a.abc', offset: 3 },
  'playback-command': { type: 'playback-command', command: 'play', span: { from: 10, to: 20, loop: true } },
  surprisal: { type: 'surprisal', uri: 'file:///a.abc', version: 1, marks: [{ start: 8, end: 9, bucket: 2, text: 'C: surprisal 3.00 nats (p ≈ 5.0%), unusual' }] },
};

test('every page message is recognised by the host side and survives structured cloning', () => {
  for (const message of Object.values(pageExamples)) {
    const copy = structuredClone(message);
    assert.equal(isPageToHost(copy), true, message.type);
    assert.equal(isHostToPage(copy), false, message.type);
    assert.deepEqual(copy, message);
  }
});

test('every host message is recognised by the page side', () => {
  for (const message of Object.values(hostExamples)) {
    assert.equal(isHostToPage(structuredClone(message)), true, message.type);
    assert.equal(isPageToHost(message), false, message.type);
  }
});

test('anything else is refused', () => {
  for (const value of [null, undefined, 3, 'ready', {}, { type: 7 }, { type: 'Ready' }, { type: 'toString' }, []]) {
    assert.equal(isPageToHost(value), false, JSON.stringify(value));
    assert.equal(isHostToPage(value), false, JSON.stringify(value));
  }
});
