// ABC tunes in a real VS Code: ghost text, harmonization, the preview.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertOneUndoRestores, abcBodyLines, lineColumnOf, saveAndWaitFor } from './harness/documents';
import { checkDiagnostics, describeDiagnostics, measureAbc, readText, wrongBars } from './harness/notation';
import { startSession, withFailureScreenshot, type Session } from './harness/session';

let session: Session;

before(async () => {
  session = await startSession({ name: 'abc', trust: 'off' });
}, { timeout: 240_000 });

after(async () => {
  await session?.close();
});

test('ghost text completes the bar after a bar line; Tab accepts it; the tune still checks', { timeout: 150_000 }, async (t) =>
  withFailureScreenshot(session, 'abc-1-completion', async () => {
    const wb = session.workbench;
    const file = session.path('e2e/reel.abc');
    const original = readText(file);
    await wb.openFile('e2e/reel.abc');
    await wb.waitForBachbot();
    await wb.press('Control+End'); // the empty line after the last bar line
    const typed = 'GABc';
    const latency = await wb.explained('no ghost text after typing', wb.typeAndTimeGhostText(typed, 60_000));
    t.diagnostic(`ABC: last keystroke to ghost text ${latency} ms`);
    const ghost = await wb.ghostTextContent();
    assert.ok(ghost.trim().length > 0, 'the ghost text is empty');
    await wb.screenshot('abc-1-ghost-text');

    await wb.press('Tab');
    const accepted = await saveAndWaitFor(wb, file, (text) => text !== original);
    await wb.screenshot('abc-1-accepted');
    assert.ok(accepted.startsWith(original), 'accepting the ghost text changed the text before the cursor');
    const added = accepted.slice(original.length);
    assert.equal(added.trimEnd(), `${typed}${ghost}`.trimEnd(), 'Tab did not insert the ghost text that was shown');
    assert.match(added, /\|/, 'the accepted text does not close the bar');

    const problems = checkDiagnostics(file).filter((d) => d.severity === 'error' || d.code === 'abc.bar-length');
    assert.deepEqual(problems, [], `bachbot check finds problems:\n${describeDiagnostics(problems)}\n${accepted}`);
    assert.deepEqual(wrongBars(accepted), [], 'abcjs measures a bar of the wrong length');
  }));

test('Alt+\\ asks for suggestions; Alt+] cycles to another; Tab inserts the one shown', { timeout: 150_000 }, async () =>
  withFailureScreenshot(session, 'abc-1b-alternatives', async () => {
    const wb = session.workbench;
    const file = session.path('e2e/cycle.abc');
    await wb.openFile('e2e/cycle.abc');
    await wb.waitForBachbot();
    await wb.press('Control+End'); // the empty line after the last bar line: half a bar typed, half to suggest
    await wb.page.keyboard.type('dBAG ', { delay: 40 });
    await wb.press('Escape');
    await wb.ghostText().first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    const before = readText(file);
    await wb.press('Alt+Backslash');
    await wb.explained('no ghost text after Alt+\\', wb.ghostText().first().waitFor({ timeout: 60_000 }));
    const first = await wb.ghostTextContent();
    let shown = first;
    for (let i = 0; i < 3 && shown === first; i++) {
      await wb.press('Alt+BracketRight');
      shown = await wb.ghostTextOtherThan(first, 5_000);
    }
    assert.notEqual(shown, first, `Alt+] did not show another suggestion (still ${JSON.stringify(first)})`);
    await wb.screenshot('abc-1b-alternative');
    await wb.press('Tab');
    const squeeze = (t: string) => t.replace(/\s+/g, ' ').trim();
    const accepted = await saveAndWaitFor(wb, file, (text) => squeeze(text).includes(squeeze(`dBAG ${shown}`)));
    assert.ok(accepted.startsWith(before.trimEnd()), 'text before the cursor changed');
    const problems = checkDiagnostics(file).filter((d) => d.severity === 'error' || d.code === 'abc.bar-length');
    assert.deepEqual(problems, [], `bachbot check finds problems:\n${describeDiagnostics(problems)}\n${accepted}`);
  }));

test('Harmonize Selection writes four voices in one edit; Ctrl+Z restores the melody exactly', { timeout: 180_000 }, async () =>
  withFailureScreenshot(session, 'abc-2-harmonize', async () => {
    const wb = session.workbench;
    const file = session.path('melody.abc'); // from examples/
    const original = readText(file);
    await wb.openFile('melody.abc');
    const body = abcBodyLines(original);
    await wb.goTo(body.first, 1);
    for (let line = body.first; line < body.last; line++) await wb.press('Shift+ArrowDown');
    await wb.press('Shift+End');
    await wb.runCommand('BachBot: Harmonize Selection');
    const harmonized = await saveAndWaitFor(wb, file, (text) => /^V:B/m.test(text), 120_000);
    await wb.screenshot('abc-2-harmonized');
    for (const voice of ['S', 'A', 'T', 'B']) assert.match(harmonized, new RegExp(`^V:${voice}\\b`, 'm'), `no V:${voice} voice:\n${harmonized}`);
    const errors = checkDiagnostics(file).filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], `bachbot check finds errors:\n${describeDiagnostics(errors)}\n${harmonized}`);
    const melody = original.split('\n').slice(body.first - 1, body.last).join('\n');
    assert.ok(harmonized.includes(melody), 'the melody is not kept as written');
    assert.deepEqual(wrongBars(harmonized), [], 'abcjs measures a bar of the wrong length in a voice');

    await assertOneUndoRestores(wb, 'melody.abc', file, harmonized, original);
  }));

test('the preview draws every note, follows clicks to the source and the cursor, highlights notes while playing', { timeout: 150_000 }, async () =>
  withFailureScreenshot(session, 'abc-3-preview', async () => {
    const wb = session.workbench;
    const text = readText(session.path('e2e/preview.abc'));
    const { notes } = measureAbc(text);
    await wb.openFile('e2e/preview.abc');
    await wb.runCommand('BachBot: Open Preview to the Side');
    const frame = await wb.explained('no score in the preview', wb.webviewFrame('#score svg .abcjs-note'));
    await frame.locator('#play:not([disabled])').waitFor();
    assert.equal(await frame.locator('#score .abcjs-note').count(), notes.length, 'notes drawn in the preview');
    await wb.screenshot('abc-3-preview');

    // A click on a note puts the editor's cursor on its text.
    const index = Math.min(9, notes.length - 1);
    const start = lineColumnOf(text, notes[index].start);
    const end = lineColumnOf(text, notes[index].end);
    // abcjs finds the note under the pointer from the whole SVG, as for a user's click.
    await frame.locator('#score .abcjs-note').nth(index).click({ force: true });
    // The status bar shows Ln/Col only while a text editor is active; the click may have left the preview focused.
    await wb.focusEditor('preview.abc');
    await wb.waitForCursorLine(start.line);
    const cursor = await wb.cursor();
    assert.ok(cursor.column >= start.column && cursor.column <= end.column,
      `clicking note ${index + 1} put the cursor at Ln ${cursor.line}, Col ${cursor.column}; the note is at Col ${start.column}-${end.column}`);
    await frame.locator('#score .abcjs-note.bachbot-cursor').first().waitFor({ timeout: 10_000 });

    // Moving the cursor in the editor moves the highlight to the note under it.
    const other = lineColumnOf(text, notes[2].start);
    await wb.focusEditor('preview.abc');
    await wb.goTo(other.line, other.column);
    await frame.waitForFunction((i) => document.querySelectorAll('#score .abcjs-note')[i]?.classList.contains('bachbot-cursor'), 2, { timeout: 10_000 });

    await frame.locator('#play').click();
    await wb.explained('playback did not start', frame.locator('body[data-playback="playing"]').waitFor({ timeout: 30_000 }));
    await frame.locator('#score .bachbot-playing').first().waitFor({ timeout: 15_000 });
    await wb.screenshot('abc-3-playing');
    await frame.locator('#stop').click();
    await frame.locator('#score .bachbot-playing').first().waitFor({ state: 'detached', timeout: 10_000 });
  }));

test('Show Surprisal colours the notes in the editor and the preview, with hovers; an edit takes it away', { timeout: 150_000 }, async () =>
  withFailureScreenshot(session, 'abc-5-surprisal', async () => {
    const wb = session.workbench;
    const text = readText(session.path('e2e/preview.abc'));
    const { notes } = measureAbc(text);
    const frame = await wb.webviewFrame('#score svg .abcjs-note'); // the preview of the scenario before is open
    await wb.focusEditor('preview.abc');
    await wb.runCommand('BachBot: Show Surprisal');
    const coloured = frame.locator('#score .abcjs-note[class*="bachbot-surprisal-"]');
    await wb.explained('no note in the preview is coloured by surprisal', coloured.first().waitFor({ timeout: 60_000 }));
    // The model has no token for the chord [df]2: scoring stops there and says so; every note before it is coloured.
    const chord = text.indexOf('[df]2');
    await wb.explained('no message about where scoring stopped',
      wb.page.locator('.notification-list-item-message', { hasText: `Surprisal shown up to line ${lineColumnOf(text, chord).line}: "[df]2" is not in the model's vocabulary` }).first().waitFor({ timeout: 15_000 }));
    assert.equal(await coloured.count(), notes.filter((n) => n.end <= chord).length, 'every drawn note before the chord has a surprisal colour');
    assert.match(await frame.locator('#score .abcjs-note title.bachbot-surprisal').first().textContent() ?? '', /surprisal \d+\.\d\d nats \(p ≈ [^)]+\), (expected|plausible|unusual|surprising|very surprising)$/);
    await frame.locator('#surprisal-legend:not([hidden])').waitFor();

    // In the editor: the hover on a note says how surprising it is.
    const note = lineColumnOf(text, notes[3].start);
    await wb.focusEditor('preview.abc');
    await wb.goTo(note.line, note.column);
    await wb.runCommand('Show or Focus Hover');
    const hover = wb.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /surprisal \d+\.\d\d nats/ });
    await wb.explained('the hover on a note does not show its surprisal', hover.first().waitFor({ timeout: 15_000 }));
    await wb.screenshot('abc-5-surprisal');
    await wb.press('Escape');

    // An edit makes the figures stale: they leave the preview (and the editor) at the next render.
    await wb.press('Control+End');
    await wb.page.keyboard.type(' ');
    await coloured.first().waitFor({ state: 'detached', timeout: 15_000 });
    await frame.locator('#surprisal-legend[hidden]').waitFor({ state: 'attached' });
    await wb.press('Control+z');
  }));

test('after Reload Window the preview comes back by itself and still draws the tune', { timeout: 150_000 }, async () =>
  withFailureScreenshot(session, 'abc-4-preview-restored', async () => {
    const wb = session.workbench;
    const { notes } = measureAbc(readText(session.path('e2e/preview.abc')));
    await wb.webviewFrame('#score svg .abcjs-note'); // the preview of the scenario before is open
    const reloaded = wb.page.waitForEvent('framenavigated', { predicate: (f) => f === wb.page.mainFrame(), timeout: 60_000 });
    await wb.runCommand('Developer: Reload Window');
    await reloaded;
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await wb.page.locator('.tab[data-resource-name="preview.abc"]').first().waitFor({ timeout: 60_000 });
    const frame = await wb.explained('the preview did not come back after the reload', wb.webviewFrame('#score svg .abcjs-note', 90_000));
    await frame.locator('#play:not([disabled])').waitFor();
    assert.equal(await frame.locator('#score .abcjs-note').count(), notes.length, 'notes drawn in the restored preview');
    await wb.screenshot('abc-4-preview-restored');
  }));
