import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, escapeAttribute, previewHtml } from '../../src/features/preview/html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

test('the policy allows nothing by default and scripts only with the nonce', () => {
  const d = directives(contentSecurityPolicy(CSP_SOURCE, 'abc123'));
  assert.deepEqual(d.get('default-src'), ["'none'"]);
  assert.deepEqual(d.get('script-src'), ["'nonce-abc123'"]);
  assert.deepEqual(d.get('style-src'), [CSP_SOURCE, "'unsafe-inline'"]);
  assert.deepEqual(d.get('img-src'), [CSP_SOURCE, 'data:']);
  assert.deepEqual(d.get('font-src'), [CSP_SOURCE]);
  assert.deepEqual(d.get('connect-src'), [CSP_SOURCE]);
  assert.deepEqual(d.get('media-src'), [CSP_SOURCE, 'blob:', 'data:']);
  for (const values of d.values()) {
    assert.ok(!values.includes("'unsafe-eval'"));
    assert.ok(!values.some((v) => v === '*' || v === 'https:' || v === 'http:'));
  }
});

test('every page gets a fresh 128-bit nonce', () => {
  const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
  assert.equal(nonces.size, 50);
  for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
});

test('the page carries the policy, one nonced script and the settings only as an escaped attribute', () => {
  const html = previewHtml({
    cspSource: CSP_SOURCE,
    nonce: 'N0nce+/=',
    scriptUri: `${CSP_SOURCE}/out/webview.js`,
    styleUri: `${CSP_SOURCE}/media/preview.css`,
    settings: { soundFontUrl: `${CSP_SOURCE}/media/soundfont/"><script>alert(1)</script>` },
  });
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'CSP meta tag');
  assert.match(meta[1], /script-src 'nonce-N0nce\+\/='/);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.equal(scripts.length, 1, 'one script tag, the settings did not break out of their attribute');
  assert.match(scripts[0], /nonce="N0nce\+\/="/);
  assert.match(scripts[0], /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/out\/webview\.js"/);
  const settings = /data-settings="([^"]*)"/.exec(html);
  assert.ok(settings);
  const decoded = settings[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.deepEqual(JSON.parse(decoded), { soundFontUrl: `${CSP_SOURCE}/media/soundfont/"><script>alert(1)</script>` });
  assert.ok(!/\bon[a-z]+=/.test(html), 'no inline event handlers');
});

test('escapeAttribute leaves no character that ends or opens markup', () => {
  assert.equal(escapeAttribute(`a"b'c<d>e&f`), `a&quot;b'c&lt;d&gt;e&amp;f`);
});
