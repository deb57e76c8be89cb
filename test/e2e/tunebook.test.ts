// A tunebook (several X: tunes in one file) in a real VS Code: the Outline lists its tunes, Transpose moves one
// tune in one undoable edit, Play from Cursor starts at the note under the cursor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseAbc } from '../../src/abc/parse';
import { transposeAbc } from '../../src/abc/transpose';
import { assertOneUndoRestores, lineColumnOf, saveAndWaitFor } from './harness/documents';
import { measureAbc, readText } from './harness/notation';
import { startSession, withFailureScreenshot, type Session } from './harness/session';

let session: Session;

before(async () => {
  session = await startSession({ name: 'tunebook', trust: 'off' });
}, { timeout: 240_000 });

after(async () => {
  await session?.close();
});

test('the Outline lists every tune of a tunebook by its title', { timeout: 120_000 }, async () =>
  withFailureScreenshot(session, 'tunebook-1-outline', async () => {
    const wb = session.workbench;
    const { tunes } = parseAbc(readText(session.path('e2e/tunebook.abc')));
    const titles = tunes.map((t) => t.title);
    assert.ok(titles.length >= 3 && titles.every(Boolean), `the fixture's titles: ${JSON.stringify(titles)}`);
    await wb.openFile('e2e/tunebook.abc');
    await wb.runCommand('Explorer: Focus on Outline View');
    const rows = wb.page.locator('.outline-pane .monaco-list-row .label-name');
    await wb.explained('the Outline lists no tune', wb.page.waitForFunction(
      (n) => document.querySelectorAll('.outline-pane .monaco-list-row[aria-level="1"]').length >= n, titles.length, { timeout: 30_000 }));
    const shown = await wb.page.locator('.outline-pane .monaco-list-row[aria-level="1"] .label-name').allInnerTexts();
    await wb.screenshot('tunebook-1-outline');
    assert.deepEqual(shown.map((s) => s.trim()), titles, 'the Outline\'s top-level rows are the tunes, in order');
    assert.ok(await rows.count() >= titles.length);
  }));

test('Transpose moves the tune under the cursor a whole tone (notes, K:, chord symbols); one Ctrl+Z restores it', { timeout: 120_000 }, async () =>
  withFailureScreenshot(session, 'tunebook-2-transpose', async () => {
    const wb = session.workbench;
    const file = session.path('e2e/tunebook.abc');
    const original = readText(file);
    const { tunes } = parseAbc(original);
    const second = tunes[1]; // Red Haired Boy, K:A mix, chord symbols "A" "D" "G" "E"
    const body = lineColumnOf(original, original.indexOf('|:', second.start));
    await wb.focusEditor('tunebook.abc');
    await wb.goTo(body.line, body.column + 3);
    await wb.runCommand('BachBot: Transpose');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Up a whole tone');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Up a whole tone (+2)' }).first().waitFor();
    await wb.press('Enter');
    const moved = await saveAndWaitFor(wb, file, (text) => text !== original);
    await wb.screenshot('tunebook-2-transposed');

    assert.equal(moved, transposeAbc(original, 2, { tune: 1 }), 'the text is the tune transposed by +2, the other tunes as they were');
    const tuneText = (text: string) => text.slice(parseAbc(text).tunes[1].start, parseAbc(text).tunes[1].end);
    const before = tuneText(original);
    const after = tuneText(moved);
    assert.match(after, /^K:B mix$/m, 'K:A mix became K:B mix');
    assert.match(before, /"A"E2 A2 AB cd/);
    assert.match(after, /"B"F2 B2 Bc de/, 'chord symbol and notes of the first bar moved up a whole tone');
    assert.match(after, /"E"e2 de/, '"D" became "E"');
    assert.doesNotMatch(after, /"G"|"D"/, 'no chord symbol left unmoved');
    for (const t of [0, 2, 3]) assert.equal(moved.slice(parseAbc(moved).tunes[t].start, parseAbc(moved).tunes[t].end), original.slice(tunes[t].start, tunes[t].end), `tune ${t + 1} is untouched`);

    await assertOneUndoRestores(wb, 'tunebook.abc', file, moved, original);
  }));

test('Play from Cursor starts playing at the note under the cursor, not at the first note', { timeout: 150_000 }, async () =>
  withFailureScreenshot(session, 'tunebook-3-play-from-cursor', async () => {
    const wb = session.workbench;
    const text = readText(session.path('e2e/tunebook.abc'));
    const third = parseAbc(text).tunes[2]; // Soldier's Joy
    const tune = text.slice(third.start, third.end);
    const { notes } = measureAbc(tune);
    const index = 12;
    const target = { start: third.start + notes[index].start, end: third.start + notes[index].end };
    const at = lineColumnOf(text, target.start);
    await wb.focusEditor('tunebook.abc');
    await wb.goTo(at.line, at.column);
    await wb.runCommand('BachBot: Open Preview to the Side');
    const frame = await wb.explained('no score in the preview', wb.webviewFrame('#score svg .abcjs-note'));
    await frame.locator('#play:not([disabled])').waitFor();
    await frame.waitForFunction((start) => document.querySelector(`#score .abcjs-note.bachbot-cursor[data-source-start="${start}"]`) !== null, target.start, { timeout: 15_000 })
      .catch(() => undefined); // the cursor highlight is only a hint here: what matters is what plays
    // Every note that lights up while playing, in order (the highlight moves on faster than a poll could see).
    await frame.evaluate(() => {
      const lit: number[] = [];
      (window as unknown as { __lit: number[] }).__lit = lit;
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as Element;
          if (el.classList.contains('bachbot-playing') && el.hasAttribute('data-source-start')) lit.push(Number(el.getAttribute('data-source-start')));
        }
      }).observe(document.getElementById('score')!, { subtree: true, attributes: true, attributeFilter: ['class'] });
    });

    await wb.focusEditor('tunebook.abc');
    await wb.goTo(at.line, at.column);
    await wb.runCommand('BachBot: Play from Cursor');
    const state = await wb.explained('playback did not start', frame.waitForFunction(
      () => ['playing', 'error'].includes(document.body.dataset.playback ?? '') && document.body.dataset.playback, undefined, { timeout: 30_000 }));
    const status = await frame.locator('#status').textContent();
    assert.equal(await state.jsonValue(), 'playing', `the preview says: ${status}`);
    await frame.waitForFunction(() => new Set((window as unknown as { __lit: number[] }).__lit).size >= 3, undefined, { timeout: 15_000 });
    await wb.screenshot('tunebook-3-playing');
    // One note can be reported twice in a row (a record for lighting it and one for what came after).
    const lit = (await frame.evaluate(() => (window as unknown as { __lit: number[] }).__lit.slice())).filter((x, i, all) => i === 0 || x !== all[i - 1]);
    assert.equal(lit[0], target.start, `the first note lit is at ${lit[0]} (${JSON.stringify(text.slice(lit[0], lit[0] + 6))}), the cursor's note at ${target.start} (${JSON.stringify(text.slice(target.start, target.end))}); first note of the tune at ${third.start + notes[0].start}`);
    assert.ok(lit[1] > lit[0] && lit[2] > lit[1], `and it goes on forwards: ${JSON.stringify(lit.slice(0, 6))}`);
    await wb.runCommand('BachBot: Stop');
    await frame.locator('body[data-playback="stopped"]').waitFor({ timeout: 10_000 });
  }));
