import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notesAtOffset, sourceRangeOfNote, trimRange, type NoteLink, type ResolvedMapping } from '../../webview/note-lookup';

// The ABC is the document's slice from offset 100; abcjs's note ranges include surrounding spaces.
const ABC = 'X:1\nK:C\n c2 d2|e4';
const at = (s: string) => ABC.indexOf(s);
const notes = [
  { abcStart: at(' c2'), abcEnd: at(' c2') + 4 }, // " c2 "
  { abcStart: at('d2'), abcEnd: at('d2') + 2 },
  { abcStart: at('e4'), abcEnd: at('e4') + 2 },
];
const offsetMapping: ResolvedMapping = { kind: 'offset', base: 100 };

test('a click selects the note text without the spaces abcjs includes', () => {
  assert.deepEqual(sourceRangeOfNote(offsetMapping, ABC, notes[0]), { start: 100 + at('c2'), end: 100 + at('c2') + 2 });
  assert.deepEqual(trimRange('  ab  ', 0, 6), { start: 2, end: 4 });
});

test('the cursor inside a note or just after it highlights that note; between two notes the later wins', () => {
  const doc = (i: number) => 100 + i;
  assert.deepEqual(notesAtOffset(offsetMapping, ABC, notes, doc(at('c2'))), [0]);
  assert.deepEqual(notesAtOffset(offsetMapping, ABC, notes, doc(at('c2') + 2)), [0]);
  assert.deepEqual(notesAtOffset(offsetMapping, ABC, notes, doc(at('d2') + 1)), [1]);
  assert.deepEqual(notesAtOffset(offsetMapping, ABC, notes, doc(at('|e4'))), [1], 'right after d2');
  assert.deepEqual(notesAtOffset(offsetMapping, ABC, notes, doc(at('e4'))), [2]);
  assert.deepEqual(notesAtOffset(offsetMapping, ABC, notes, doc(at('K:C'))), []);
  assert.deepEqual(notesAtOffset(offsetMapping, ABC, notes, 5), [], 'before the tune');
});

test('generated ABC: the token under the cursor wins over the frame', () => {
  // Two notes of a chorale: the soprano's (tokens 10-20 struck, 40-49 held) and the alto's (21-30).
  const links: NoteLink[] = [
    { abcStart: notes[0].abcStart, abcEnd: notes[0].abcEnd, source: { start: 10, end: 20 }, tokens: [{ start: 10, end: 20 }, { start: 40, end: 49 }], frames: [{ start: 5, end: 35 }, { start: 36, end: 60 }] },
    { abcStart: notes[1].abcStart, abcEnd: notes[1].abcEnd, source: { start: 21, end: 30 }, tokens: [{ start: 21, end: 30 }], frames: [{ start: 5, end: 35 }] },
  ];
  const mapping: ResolvedMapping = { kind: 'links', links };
  assert.deepEqual(sourceRangeOfNote(mapping, ABC, notes[1]), { start: 21, end: 30 });
  assert.equal(sourceRangeOfNote(mapping, ABC, notes[2]), undefined, 'a note without a link');
  assert.deepEqual(notesAtOffset(mapping, ABC, notes, 25), [1]);
  assert.deepEqual(notesAtOffset(mapping, ABC, notes, 45), [0], 'a held token highlights the note it holds');
  assert.deepEqual(notesAtOffset(mapping, ABC, notes, 33), [0, 1], 'elsewhere in a frame: every note sounding there');
  assert.deepEqual(notesAtOffset(mapping, ABC, notes, 55), [0]);
  assert.deepEqual(notesAtOffset(mapping, ABC, notes, 70), []);
});
