// The preview page's HTML: a strict Content-Security-Policy with a fresh nonce, no inline data.
// Everything the page shows arrives later by message; the only data in the HTML is one escaped attribute.
import { randomBytes } from 'node:crypto';
import type { PreviewPageSettings } from '../../preview-protocol/messages';

/** 128 random bits, base64: a new one for every page. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * abcjs writes `style` attributes, so styles need 'unsafe-inline'; scripts run only with the nonce.
 * Sounds are fetched (XHR) from the extension's folder and decoded; nothing leaves the machine.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `connect-src ${cspSource}`,
    `media-src ${cspSource} blob: data:`,
  ].join('; ');
}

export interface PreviewHtmlParts {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  settings: PreviewPageSettings;
}

export function previewHtml(parts: PreviewHtmlParts): string {
  const { cspSource, nonce, scriptUri, styleUri, settings } = parts;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta id="bachbot-preview-settings" data-settings="${escapeAttribute(JSON.stringify(settings))}">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>BachBot Preview</title>
</head>
<body>
<header class="toolbar" role="toolbar" aria-label="Playback">
  <button id="play" type="button" title="Play" aria-label="Play" disabled>Play</button>
  <button id="stop" type="button" title="Stop" aria-label="Stop" disabled>Stop</button>
  <span id="status" role="status" aria-live="polite"></span>
</header>
<ul id="diagnostics" class="diagnostics" aria-label="Problems" hidden></ul>
<div id="surprisal-legend" class="surprisal-legend" aria-label="Surprisal colours" hidden></div>
<main id="score" class="score" aria-label="Score"></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

/** For double-quoted attribute values (single quotes stay readable, as the CSP needs them). */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
