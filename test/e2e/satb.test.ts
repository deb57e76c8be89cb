// Four-part chorales (.satb) in a real VS Code: ghost text, the preview, harmonizing (?) slots.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { harmonizeAlternatives, loadModelFolder } from '../../src/model';
import { midiToChorale, parseSatb, voiceToken } from '../../src/satb';
import { assertOneUndoRestores, lineColumnOf, saveAndWaitFor } from './harness/documents';
import { checkDiagnostics, describeDiagnostics, readText, satbFrames, struckNotes } from './harness/notation';
import { repoRoot } from './harness/paths';
import { startSession, withFailureScreenshot, type Session } from './harness/session';

/** Frames in one bar of 4/4, the length of the default ghost text (bachbot.completion.length = 1 bar). */
const FRAMES_PER_BAR = 16;

let session: Session;

before(async () => {
  session = await startSession({ name: 'satb', trust: 'off' });
}, { timeout: 240_000 });

after(async () => {
  await session?.close();
});

test('ghost text continues a chorale frame by frame; Tab accepts it; the chorale still checks', { timeout: 150_000 }, async (t) =>
  withFailureScreenshot(session, 'satb-1-completion', async () => {
    const wb = session.workbench;
    const file = session.path('e2e/chorale.satb');
    const original = readText(file);
    const framesBefore = satbFrames(original).length;
    await wb.openFile('e2e/chorale.satb');
    await wb.waitForBachbot();
    const lastFrameLine = satbFrames(original)[framesBefore - 1].line;
    await wb.goTo(lastFrameLine, 1);
    await wb.press('End');
    await wb.press('Enter');
    const typed = '(72,False) (67,False) '; // soprano and alto of a new frame
    const latency = await wb.explained('no ghost text after typing', wb.typeAndTimeGhostText(typed, 60_000));
    t.diagnostic(`SATB: last keystroke to ghost text ${latency} ms`);
    const ghost = await wb.ghostTextContent();
    assert.ok(ghost.trim().length > 0, 'the ghost text is empty');
    await wb.screenshot('satb-1-ghost-text');

    await wb.press('Tab');
    const accepted = await saveAndWaitFor(wb, file, (text) => text.length > original.length + typed.length);
    await wb.screenshot('satb-1-accepted');
    assert.ok(accepted.includes(`${typed}${ghost}`.trimEnd()), `Tab did not insert the ghost text that was shown:\n${ghost}`);
    const errors = checkDiagnostics(file).filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], `bachbot check finds errors:\n${describeDiagnostics(errors)}\n${accepted}`);
    const frames = satbFrames(accepted);
    for (const f of frames) assert.equal(f.voices.length, 4, `line ${f.line} does not have four voices`);
    assert.match(accepted, /\nEND\s*$/, 'the chorale lost its END');
    assert.equal(frames.length - framesBefore, FRAMES_PER_BAR, 'one bar of ghost text (the frame begun counted) should add 16 frames');
  }));

test('the preview draws every voice, follows clicks to the source and plays', { timeout: 150_000 }, async () =>
  withFailureScreenshot(session, 'satb-2-preview', async () => {
    const wb = session.workbench;
    const text = readText(session.path('e2e/preview.satb'));
    await wb.openFile('e2e/preview.satb');
    await wb.runCommand('BachBot: Open Preview to the Side');
    const frame = await wb.explained('no score in the preview', wb.webviewFrame('#score svg .abcjs-note'));
    await frame.locator('#play:not([disabled])').waitFor();
    // No note of this chorale crosses a bar line, so every struck entry is one notehead.
    assert.equal(await frame.locator('#score .abcjs-note').count(), struckNotes(text), 'notes drawn (every struck voice entry)');
    await wb.screenshot('satb-2-preview');

    // Two bars fit one system, where abcjs draws the soprano's notes first: the sixth notehead is the soprano's
    // sixth struck entry.
    const note = frame.locator('#score .abcjs-note').nth(5);
    const sopranoOnsets = satbFrames(text).filter((f) => /False/.test(f.voices[0]));
    const sixth = sopranoOnsets[5];
    const start = text.split('\n').slice(0, sixth.line - 1).join('\n').length + 1 + text.split('\n')[sixth.line - 1].indexOf(sixth.voices[0]);
    assert.equal(Number(await note.getAttribute('data-source-start')), start, 'the page maps the note to another place in the text');
    await note.click({ force: true });
    const expected = lineColumnOf(text, start);
    // The status bar shows Ln/Col only while a text editor is active; the click may have left the preview focused.
    await wb.focusEditor('preview.satb');
    await wb.waitForCursorLine(expected.line);
    assert.deepEqual(await wb.cursor(), expected, 'the cursor is not on the clicked note');

    await frame.locator('#play').click();
    await wb.explained('playback did not start', frame.locator('body[data-playback="playing"]').waitFor({ timeout: 30_000 }));
    await frame.locator('#score .bachbot-playing').first().waitFor({ timeout: 15_000 });
    await wb.screenshot('satb-2-playing');
    await frame.locator('#stop').click();
  }));

test('Harmonize Selection fills every (?) slot and keeps the given voices; Ctrl+Z restores the text', { timeout: 180_000 }, async () =>
  withFailureScreenshot(session, 'satb-3-harmonize', async () => {
    const wb = session.workbench;
    const file = session.path('chorale-slots.satb'); // from examples/
    const original = readText(file);
    const given = satbFrames(original);
    assert.ok(given.some((f) => f.voices.includes('(?)')), 'the example has no (?) slots');
    await wb.openFile('chorale-slots.satb');
    await wb.runCommand('BachBot: Harmonize Selection'); // no selection: every slot of the document
    const harmonized = await saveAndWaitFor(wb, file, (text) => text !== original && !text.includes('(?)'), 120_000);
    await wb.screenshot('satb-3-harmonized');
    const filled = satbFrames(harmonized);
    assert.equal(filled.length, given.length, 'the number of frames changed');
    filled.forEach((f, i) => {
      assert.equal(f.voices.length, 4, `frame ${i + 1} does not have four voices`);
      assert.equal(f.fermata, given[i].fermata, `frame ${i + 1} lost or gained a fermata`);
      given[i].voices.forEach((v, voice) => {
        if (v !== '(?)') assert.equal(f.voices[voice], v, `frame ${i + 1}: a given voice changed`);
      });
    });
    const errors = checkDiagnostics(file).filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], `bachbot check finds errors:\n${describeDiagnostics(errors)}`);

    await assertOneUndoRestores(wb, 'chorale-slots.satb', file, harmonized, original);
  }));

test('Show Alternatives offers harmonizations most likely first; the one picked is written in one edit', { timeout: 180_000 }, async () =>
  withFailureScreenshot(session, 'satb-4-alternatives', async () => {
    const wb = session.workbench;
    const file = session.path('chorale-slots.satb'); // from examples/
    const original = readText(file);
    // The engine's own answer for the extension's defaults (beam 8, 5 alternatives), from the same model files.
    const model = await loadModelFolder(join(repoRoot, 'models/harmonizer'));
    const expected = await harmonizeAlternatives(model, original, 'satb', undefined, { beamWidth: 8, alternatives: 5 }).finally(() => model.dispose());
    await wb.openFile('chorale-slots.satb');
    await wb.runCommand('BachBot: Show Alternatives');
    const picker = wb.page.locator('.quick-input-widget');
    await wb.explained('no list of alternatives', picker.locator('.quick-input-title', { hasText: /harmonizations, most likely first/ }).waitFor({ timeout: 120_000 }));
    assert.match(await picker.locator('.quick-input-title').innerText(), /BachBot: 5 harmonizations, most likely first/);
    await picker.locator('.quick-input-list .monaco-list-row').nth(1).waitFor();
    await wb.screenshot('satb-4-alternatives');
    await wb.press('ArrowDown');
    await wb.press('Enter');
    const written = await saveAndWaitFor(wb, file, (text) => text !== original, 60_000);
    assert.equal(written, expected[1].text, 'the document is not the second alternative');
    assert.notEqual(expected[1].text, expected[0].text);

    await assertOneUndoRestores(wb, 'chorale-slots.satb', file, written, original);
  }));

test('Continue composes two bars of frames at the cursor in one edit; the chorale still checks', { timeout: 150_000 }, async () =>
  withFailureScreenshot(session, 'satb-5-continue', async () => {
    const wb = session.workbench;
    const file = session.path('e2e/chorale.satb');
    const original = readText(file);
    const before = satbFrames(original);
    await wb.openFile('e2e/chorale.satb');
    await wb.goTo(before[before.length - 1].line, 1);
    await wb.press('End');
    await wb.press('Enter');
    await wb.runCommand('BachBot: Continue');
    const continued = await saveAndWaitFor(wb, file, (text) => satbFrames(text).length > before.length, 90_000);
    await wb.screenshot('satb-5-continued');
    const after = satbFrames(continued);
    const added = after.length - before.length;
    assert.ok(added >= 1 && added <= 2 * FRAMES_PER_BAR, `Continue added ${added} frames; at most two bars (32) expected`);
    for (const f of after) assert.equal(f.voices.length, 4, `line ${f.line} does not have four voices`);
    assert.ok(continued.startsWith(original.slice(0, original.lastIndexOf('|||') + 3)), 'the frames before the cursor changed');
    const errors = checkDiagnostics(file).filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], `bachbot check finds errors:\n${describeDiagnostics(errors)}\n${continued}`);
  }));

test('Export MIDI writes the chorale beside it through the save dialog; read back, it is the same chorale', { timeout: 120_000 }, async () =>
  withFailureScreenshot(session, 'satb-6-midi', async () => {
    const wb = session.workbench;
    const source = session.path('e2e/preview.satb');
    const target = source.replace(/\.satb$/, '.mid');
    rmSync(target, { force: true });
    await wb.openFile('e2e/preview.satb');
    await wb.runCommand('BachBot: Export MIDI');
    // code-server's own save dialog: a path box that starts at the file name BachBot proposes.
    const input = wb.page.locator('.quick-input-widget input');
    await wb.explained('no save dialog', input.waitFor());
    await wb.explained('the save dialog does not propose preview.mid', wb.page.waitForFunction(
      () => /preview\.mid$/.test(document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value ?? ''), undefined, { timeout: 10_000 }));
    await wb.screenshot('satb-6-save-dialog');
    await wb.press('Enter');
    const deadline = Date.now() + 30_000;
    while (!existsSync(target) && Date.now() < deadline) await wb.page.waitForTimeout(250);
    assert.ok(existsSync(target), `no ${target} after the dialog`);
    const exported = midiToChorale(new Uint8Array(readFileSync(target)));
    const chorale = parseSatb(readText(source)).chorale;
    assert.deepEqual(exported.frames.map((f) => f.voices.map(voiceToken)), chorale.frames.map((f) => f.voices.map(voiceToken)));
  }));
