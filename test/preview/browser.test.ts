// The preview page in a real browser: Debian's Chromium through playwright-core, the page bundled from
// webview/main.ts, served with its real HTML and CSP from 127.0.0.1, a fake acquireVsCodeApi recording
// what the page posts. Render messages are built by the host code from corpus files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, previewHtml } from '../../src/features/preview/html';
import type { HostToPage, PageToHost } from '../../src/preview-protocol/messages';
import { buildRenderMessage } from '../../src/features/preview/render-payload';
import { splitAbcTunes, tuneAt } from '../../src/abc/tunes';
import { parseSatb } from '../../src/satb';
import { REPO_ROOT, abcNoteLetters, chorale, nottingham } from './helpers';

// The page's globals, seen from here (this file is compiled without DOM types).
declare const window: any;
declare const document: any;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = process.env.PREVIEW_SCREENSHOT ?? '/tmp/preview.png';

const FAKE_VSCODE_API = `
window.__posted = [];
window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});`;

// A few of VS Code's dark theme variables, as VS Code would set them on the page.
const DARK_THEME = `html { --vscode-editor-foreground: #d4d4d4; --vscode-editor-background: #1e1e1e;
  --vscode-button-foreground: #ffffff; --vscode-button-background: #0e639c; --vscode-button-hoverBackground: #1177bb;
  --vscode-textLink-foreground: #3794ff; --vscode-editorCursor-foreground: #aeafad; --vscode-charts-orange: #d18616;
  --vscode-descriptionForeground: #ccccccb3; --vscode-errorForeground: #f48771; --vscode-editorWarning-foreground: #cca700;
  --vscode-textBlockQuote-background: #222222; --vscode-font-family: sans-serif; --vscode-font-size: 13px; }`;

const available = existsSync(CHROMIUM);
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
const served: { path: string; status: number }[] = [];
const foreign: string[] = [];

before(async () => {
  if (!available) return;
  const bundle = await esbuild.build({
    entryPoints: [join(REPO_ROOT, 'webview/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].text;
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, type: string, body: string | Buffer) => {
      served.push({ path, status });
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (path === '/') {
      const nonce = createNonce();
      const html = previewHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/webview.js`,
        styleUri: `${origin}/media/preview.css`,
        settings: { soundFontUrl: `${origin}/media/soundfont/` },
      })
        .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/theme.css"><link rel="stylesheet"`)
        .replace('<script nonce=', `<script nonce="${nonce}" src="${origin}/fake-vscode.js"></script><script nonce=`);
      return send(200, 'text/html', html);
    }
    if (path === '/webview.js') return send(200, 'text/javascript', script);
    if (path === '/fake-vscode.js') return send(200, 'text/javascript', FAKE_VSCODE_API);
    if (path === '/theme.css') return send(200, 'text/css', DARK_THEME);
    const file = normalize(join(REPO_ROOT, path));
    if (path.startsWith('/media/') && file.startsWith(join(REPO_ROOT, 'media')) && existsSync(file)) {
      return send(200, path.endsWith('.css') ? 'text/css' : 'audio/mpeg', readFileSync(file));
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${origin}/`);
  await waitForPosted('ready');
  assert.deepEqual(consoleErrors, [], 'no CSP violations or script errors while loading');
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

async function send(message: HostToPage): Promise<void> {
  await page.evaluate((m: HostToPage) => window.postMessage(m, '*'), message);
}

async function posted(): Promise<PageToHost[]> {
  return page.evaluate(() => window.__posted as PageToHost[]);
}

async function clearPosted(): Promise<void> {
  await page.evaluate(() => (window.__posted.length = 0));
}

async function waitForPosted<T extends PageToHost['type']>(type: T, where: (m: Extract<PageToHost, { type: T }>) => boolean = () => true, timeout = 10_000): Promise<Extract<PageToHost, { type: T }>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await posted()).find((m): m is Extract<PageToHost, { type: T }> => m.type === type && where(m as Extract<PageToHost, { type: T }>));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`page did not post ${type}; posted: ${JSON.stringify(await posted()).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** data-source-start of every drawn note, in document order. */
async function drawnNoteStarts(): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('#score svg .abcjs-note')].map((el: any) => Number(el.getAttribute('data-source-start'))),
  );
}

/** Clicks a drawn note the way a user does: abcjs hit-tests the pointer against its notes from the SVG. */
async function clickNote(selector: string, index = 0): Promise<void> {
  const note = page.locator(selector).nth(index);
  await note.evaluate((el: any) => el.scrollIntoView({ block: 'center' }));
  await note.click();
}

async function highlighted(className: string): Promise<number[]> {
  return page.evaluate(
    (cls: string) => [...document.querySelectorAll(`#score .${cls}`)].map((el: any) => Number(el.getAttribute('data-source-start'))),
    className,
  );
}

const jigs = nottingham('jigs.abc');
const abacus = tuneAt(splitAbcTunes(jigs), jigs.indexOf('T:Abacus'))!;
const chor001 = chorale('chor001.satb');

test('an .abc tune: one drawn note per written note, in order', { skip: !available && 'no Chromium' }, async () => {
  await clearPosted();
  await send(buildRenderMessage({ uri: 'file:///jigs.abc', fileName: 'jigs.abc', version: 1, languageId: 'abc', text: jigs, cursor: abacus.start + 30 }));
  const rendered = await waitForPosted('rendered');
  const letters = abcNoteLetters(abacus.text).map((o) => o + abacus.start);
  const starts = await drawnNoteStarts();
  assert.equal(starts.length, letters.length, 'notes drawn = notes written');
  assert.equal(rendered.notes, letters.length);
  assert.deepEqual(rendered.warnings, []);
  // Each drawn note's source range begins at or before its letter (chord symbols and accidentals come first).
  starts.forEach((s, i) => assert.ok(s <= letters[i] && (i === 0 || s > letters[i - 1]), `note ${i} at ${s} vs letter at ${letters[i]}`));
  assert.equal(await page.locator('#score svg').count(), 1);
  assert.equal(await page.evaluate(() => document.title), 'Abacus');
});

test('clicking a note posts the document range of that note', { skip: !available && 'no Chromium' }, async () => {
  const letters = abcNoteLetters(abacus.text).map((o) => o + abacus.start);
  for (const k of [0, 17, letters.length - 1]) {
    await clearPosted();
    await clickNote('#score svg .abcjs-note', k);
    const reveal = await waitForPosted('reveal-source');
    assert.equal(reveal.uri, 'file:///jigs.abc');
    assert.ok(reveal.start <= letters[k] && letters[k] < reveal.end, `note ${k}: [${reveal.start}, ${reveal.end}) holds ${letters[k]}`);
    assert.ok(k + 1 >= letters.length || reveal.end <= letters[k + 1], 'and not the next note');
    assert.match(jigs.slice(reveal.start, reveal.end), /^[^\s|].*[^\s|]$|^[A-Ga-g]$/);
  }
});

test('a cursor message highlights the note under the cursor', { skip: !available && 'no Chromium' }, async () => {
  const letters = abcNoteLetters(abacus.text).map((o) => o + abacus.start);
  await send({ type: 'cursor', uri: 'file:///jigs.abc', offset: letters[5] });
  await page.waitForSelector('#score .bachbot-cursor');
  const starts = await drawnNoteStarts();
  assert.deepEqual(await highlighted('bachbot-cursor'), [starts[5]]);
  await send({ type: 'cursor', uri: 'file:///jigs.abc', offset: abacus.start + 2 });
  await page.waitForFunction(() => document.querySelectorAll('#score .bachbot-cursor').length === 0);
  await send({ type: 'cursor', uri: 'file:///other.abc', offset: letters[5] });
  assert.deepEqual(await highlighted('bachbot-cursor'), [], 'a cursor in another document is ignored');
});

test('a chorale: every struck note drawn once and linked to its token; cursor and clicks go through the links', { skip: !available && 'no Chromium' }, async () => {
  await clearPosted();
  await send(buildRenderMessage({ uri: 'file:///chor001.satb', fileName: 'chor001.satb', version: 1, languageId: 'satb', text: chor001, cursor: 0 }));
  await waitForPosted('rendered', (m) => m.uri === 'file:///chor001.satb');
  const voiceTokens = parseSatb(chor001).tokens.filter((t) => t.kind === 'voice');
  const struck = voiceTokens.filter((t) => t.text.endsWith('False)')).map((t) => t.range.start.offset);
  const starts = await drawnNoteStarts();
  const tokenAt = (offset: number) => chor001.slice(offset, chor001.indexOf(')', offset) + 1);
  const drawnStruck = starts.filter((s) => tokenAt(s).endsWith('False)')).sort((a, b) => a - b);
  assert.deepEqual(drawnStruck, struck, 'each struck token is drawn exactly once');
  assert.ok(starts.every((s) => /^\((\d+,(True|False)|r)\)$/.test(tokenAt(s))), 'every drawn note or rest links to a voice token');
  assert.equal(await page.locator('#score svg').count(), 1);

  // Click: the alto's note in frame 10 (struck or not, the click goes to the token that starts the drawn note).
  const target = struck[40];
  await clearPosted();
  await clickNote(`#score .abcjs-note[data-source-start="${target}"]`);
  const reveal = await waitForPosted('reveal-source');
  assert.equal(reveal.start, target);
  assert.equal(chor001.slice(reveal.start, reveal.end), tokenAt(target));

  // Cursor on a held token: the drawn note that sounds it lights up, same voice and pitch, struck at or before.
  const heldIndex = voiceTokens.findIndex((t, i) => i > 40 && t.text.endsWith('True)'));
  const held = voiceTokens[heldIndex];
  await send({ type: 'cursor', uri: 'file:///chor001.satb', offset: held.range.start.offset + 2 });
  await page.waitForSelector('#score .bachbot-cursor');
  const lit = await highlighted('bachbot-cursor');
  assert.equal(lit.length, 1);
  const litIndex = voiceTokens.findIndex((t) => t.range.start.offset === lit[0]);
  assert.ok(litIndex <= heldIndex && (heldIndex - litIndex) % 4 === 0, 'same voice, not later');
  const pitch = (text: string) => text.replace(/,(True|False)\)$/, '');
  for (let i = litIndex; i <= heldIndex; i += 4) assert.equal(pitch(voiceTokens[i].text), pitch(held.text));

  // Cursor between tokens of a frame (on its `|||`): all four voices sounding there light up.
  const frameEnd = chor001.indexOf('|||', held.range.start.offset);
  await send({ type: 'cursor', uri: 'file:///chor001.satb', offset: frameEnd + 1 });
  await page.waitForFunction(() => document.querySelectorAll('#score .bachbot-cursor').length === 4);
});

test('surprisal colours each note by its token, with a tooltip and a legend; a render without it takes it away', { skip: !available && 'no Chromium' }, async () => {
  const uri = 'file:///chor001.satb';
  const render = buildRenderMessage({ uri, fileName: 'chor001.satb', version: 3, languageId: 'satb', text: chor001, cursor: 0 });
  await clearPosted();
  await send(render);
  await waitForPosted('rendered', (m) => m.version === 3);
  const starts = await drawnNoteStarts();
  const voiceTokens = parseSatb(chor001).tokens.filter((t) => t.kind === 'voice');
  const drawnTokens = voiceTokens.filter((t) => starts.includes(t.range.start.offset));
  const marks = drawnTokens.map((t, i) => ({ start: t.range.start.offset, end: t.range.end.offset, bucket: i % 5, text: `${t.text}: bucket ${i % 5}` }));
  await clearPosted();
  await send({ type: 'surprisal', uri, version: 2, marks });
  await send({ type: 'surprisal', uri, version: 3, marks });
  const shown = await waitForPosted('rendered', (m) => m.surprisalNotes !== undefined && m.surprisalNotes > 0);
  assert.equal(shown.surprisalNotes, starts.length, 'every drawn note got a colour (a stale version was ignored)');
  for (const k of [0, 1, 4, 7]) {
    const mark = marks[k];
    const note = page.locator(`#score .abcjs-note[data-source-start="${mark.start}"]`);
    assert.equal(await note.evaluate((el: any, cls: string) => el.classList.contains(cls), `bachbot-surprisal-${k % 5}`), true, `note ${k}`);
    assert.equal(await note.evaluate((el: any) => el.querySelector(':scope > title')?.textContent), mark.text);
  }
  const fill = await page.locator(`#score .abcjs-note[data-source-start="${marks[4].start}"] path`).first().evaluate((el: any) => window.getComputedStyle(el).fill);
  assert.equal(fill, 'rgb(220, 40, 40)', 'very surprising is red');
  assert.equal(await page.locator('#surprisal-legend').isVisible(), true);
  assert.match(await page.locator('#surprisal-legend').innerText(), /expected[\s\S]*very surprising/);

  // Surprisal stays with a redraw of the same version, and goes with a render that has none (an edit).
  await clearPosted();
  await send({ ...render, version: 4 });
  const plain = await waitForPosted('rendered', (m) => m.version === 4);
  assert.equal(plain.surprisalNotes, 0);
  assert.equal(await page.locator('#score [class*="bachbot-surprisal-"]').count(), 0);
  assert.equal(await page.locator('#surprisal-legend').isVisible(), false);
  await clearPosted();
  await send({ ...render, version: 5, surprisal: marks.slice(0, 10) });
  assert.equal((await waitForPosted('rendered', (m) => m.version === 5)).surprisalNotes, 10);
});

test('play loads the bundled piano from the local server only, reports playing and lights sounding notes', { skip: !available && 'no Chromium' }, async () => {
  await clearPosted();
  served.length = 0;
  await page.click('#play');
  const state = await waitForPosted('playback', (m) => m.state === 'playing' || m.state === 'error', 20_000);
  assert.equal(state.state, 'playing', state.detail);
  await page.waitForSelector('#score .bachbot-playing', { timeout: 5000 });
  const sounds = served.filter((r) => r.path.startsWith('/media/soundfont/acoustic_grand_piano-mp3/'));
  assert.ok(sounds.length >= 10, `sounds fetched: ${sounds.length}`);
  assert.ok(sounds.every((r) => r.status === 200 && /\/[A-G]b?\d\.mp3$/.test(r.path)), JSON.stringify(sounds));
  assert.deepEqual(foreign, [], 'no request left 127.0.0.1');
  assert.equal(await page.locator('#play').textContent(), 'Pause');

  await page.click('#play');
  await waitForPosted('playback', (m) => m.state === 'paused');
  // The synth reports the end of the sound that pausing stopped; that is no end of playback.
  await page.waitForTimeout(500);
  assert.deepEqual((await posted()).filter((m) => m.type === 'playback').map((m) => (m as { state: string }).state).slice(-1), ['paused']);
  await clearPosted();
  await send({ type: 'playback-command', command: 'toggle' });
  await waitForPosted('playback', (m) => m.state === 'playing');
  await page.waitForSelector('#score .bachbot-playing', { timeout: 5000 });
  await page.screenshot({ path: SCREENSHOT });

  await send({ type: 'playback-command', command: 'stop' });
  await waitForPosted('playback', (m) => m.state === 'stopped');
  assert.equal(await page.locator('#score .bachbot-playing').count(), 0);
  assert.equal(await page.locator('#play').textContent(), 'Play');
});

test('bad input shows the problems and the panel keeps working', { skip: !available && 'no Chromium' }, async () => {
  await clearPosted();
  await send({ ...buildRenderMessage({ uri: 'file:///bad.abc', fileName: 'bad.abc', version: 1, languageId: 'abc', text: 'X:1\nT:Bad\nK:C\nC D E | F2 G $$ 3 | <i>x</i>\n', cursor: 0 }) });
  const rendered = await waitForPosted('rendered', (m) => m.uri === 'file:///bad.abc');
  assert.ok(rendered.warnings.length > 0, 'abcjs warned');
  assert.equal(rendered.notes, 5, 'what could be read is drawn');
  assert.equal(await page.locator('#diagnostics').isVisible(), true);
  assert.match((await page.locator('#diagnostics').textContent()) ?? '', /^4:14 Unknown character ignored/m, 'numbered by document line');
  assert.equal(await page.locator('#diagnostics i, #diagnostics span').count(), 0, 'warnings shown as text, not HTML');

  await send(buildRenderMessage({ uri: 'file:///bad.satb', fileName: 'bad.satb', version: 1, languageId: 'satb', text: 'START\n(72,False) (67,Fals) (64,False) (48,False) |||\nEND\n', cursor: 0 }));
  await waitForPosted('rendered', (m) => m.uri === 'file:///bad.satb');
  assert.match((await page.locator('#diagnostics').textContent()) ?? '', /^2:/m);

  // A stale render (older version of the same document) is dropped; a newer one is drawn.
  await send(buildRenderMessage({ uri: 'file:///jigs.abc', fileName: 'jigs.abc', version: 5, languageId: 'abc', text: jigs, cursor: abacus.start }));
  await waitForPosted('rendered', (m) => m.uri === 'file:///jigs.abc' && m.version === 5);
  await clearPosted();
  await send(buildRenderMessage({ uri: 'file:///jigs.abc', fileName: 'jigs.abc', version: 4, languageId: 'abc', text: 'X:1\nK:C\nC|\n', cursor: 0 }));
  await send(buildRenderMessage({ uri: 'file:///jigs.abc', fileName: 'jigs.abc', version: 6, languageId: 'abc', text: 'X:1\nT:New\nK:C\nCDEF|\n', cursor: 0 }));
  const latest = await waitForPosted('rendered', (m) => m.version === 6);
  assert.equal(latest.notes, 4);
  assert.deepEqual((await posted()).filter((m) => m.type === 'rendered').map((m) => (m as { version: number }).version), [6]);
  assert.equal(await page.locator('#diagnostics').isHidden(), true);
  assert.deepEqual(await page.evaluate(() => window.__state), { uri: 'file:///jigs.abc' });
});

test('a short tune plays to its end and reports stopped', { skip: !available && 'no Chromium' }, async () => {
  await send(buildRenderMessage({ uri: 'file:///short.abc', fileName: 'short.abc', version: 1, languageId: 'abc', text: 'X:1\nL:1/8\nQ:1/4=240\nK:C\nCEGc|\n', cursor: 0 }));
  await waitForPosted('rendered', (m) => m.uri === 'file:///short.abc');
  await clearPosted();
  await page.click('#play');
  await waitForPosted('playback', (m) => m.state === 'playing', 10_000);
  await waitForPosted('playback', (m) => m.state === 'stopped', 10_000);
  assert.equal(await page.locator('#score .bachbot-playing').count(), 0);
});

test('play from the cursor starts at the cursor\'s note; a selection plays its notes and stops; a loop comes back', { skip: !available && 'no Chromium' }, async () => {
  await send(buildRenderMessage({ uri: 'file:///jigs.abc', fileName: 'jigs.abc', version: 10, languageId: 'abc', text: jigs, cursor: abacus.start }));
  await waitForPosted('rendered', (m) => m.version === 10);
  const letters = abcNoteLetters(abacus.text).map((o) => o + abacus.start);
  const firstSounding = async () => (await waitForPosted('sounding', (m) => m.ranges.length > 0, 20_000)).ranges;
  const holds = (ranges: { start: number; end: number }[], offset: number) => ranges.some((r) => r.start <= offset && offset < r.end);

  await clearPosted();
  await send({ type: 'playback-command', command: 'play', span: { from: letters[17], loop: false } });
  assert.ok(holds(await firstSounding(), letters[17]), 'the first note heard is the one at the cursor');
  await send({ type: 'playback-command', command: 'stop' });
  await waitForPosted('playback', (m) => m.state === 'stopped');

  await clearPosted();
  await send({ type: 'playback-command', command: 'play', span: { from: letters[3], to: letters[6], loop: false } });
  await waitForPosted('playback', (m) => m.state === 'stopped', 20_000);
  const heard = (await posted()).flatMap((m) => (m.type === 'sounding' ? m.ranges : []));
  assert.ok(heard.length >= 3, `heard ${heard.length} notes: ${JSON.stringify((await posted()).map((m) => m.type === 'sounding' ? m.ranges : m.type))} letters ${letters.slice(0, 8)}`);
  assert.ok(heard.every((r) => r.start >= letters[3] - 5 && r.start < letters[6]), `only the selection sounds: ${JSON.stringify(heard)}`);
  assert.ok(holds(heard, letters[3]) && holds(heard, letters[5]), 'from its first note to its last');

  await clearPosted();
  await send({ type: 'playback-command', command: 'play', span: { from: letters[3], to: letters[5], loop: true } });
  await firstSounding();
  const deadline = Date.now() + 20_000;
  let rounds = 0;
  while (Date.now() < deadline && rounds < 2) {
    const all = (await posted()).filter((m): m is Extract<PageToHost, { type: 'sounding' }> => m.type === 'sounding' && m.ranges.length > 0);
    rounds = all.filter((m) => holds(m.ranges, letters[3])).length;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(rounds >= 2, 'the loop came back to its first note');
  await send({ type: 'playback-command', command: 'stop' });
  await waitForPosted('playback', (m) => m.state === 'stopped');
});
