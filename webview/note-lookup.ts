// Finding notes from source offsets and source ranges from notes, for both mapping kinds.
// Shared by the page (clicks, cursor highlight) and the tests; no `vscode` or DOM imports.
import type { OffsetRange } from '../src/preview-protocol/messages';

/** A mapping the page can look notes up in: the message's mapping with chorale frames linked to drawn notes. */
export type ResolvedMapping = { kind: 'offset'; base: number } | { kind: 'links'; links: NoteLink[] };

/** One drawn note (or rest) of generated ABC and the source text it came from. */
export interface NoteLink {
  /** The note's characters in the rendered ABC, as abcjs reports them (`startChar`, `endChar`). */
  abcStart: number;
  abcEnd: number;
  /** Where a click on the note puts the cursor: the token that strikes (or holds) it. */
  source: OffsetRange;
  /** Source ranges (token level) under which the cursor highlights this note: every frame it sounds in. */
  tokens: OffsetRange[];
  /** Wider source ranges (whole frames) used when the cursor is on no token. */
  frames: OffsetRange[];
}

/** A drawn note as abcjs reports it: its characters in the rendered ABC (`startChar`, `endChar`). */
export interface DrawnNote {
  abcStart: number;
  abcEnd: number;
}

/** The range to select in the document when a note is clicked; undefined when the note has no source. */
export function sourceRangeOfNote(mapping: ResolvedMapping, abc: string, note: DrawnNote): OffsetRange | undefined {
  if (mapping.kind === 'offset') {
    const trimmed = trimRange(abc, note.abcStart, note.abcEnd);
    return { start: mapping.base + trimmed.start, end: mapping.base + trimmed.end };
  }
  return linkIndex(mapping.links).get(note.abcStart)?.source;
}

/**
 * Indices (into `notes`) of the notes to highlight for a cursor at document `offset`.
 * A cursor touching a note's text (either end included) selects it; for generated ABC, a cursor on a
 * token selects the note that token strikes or holds, and a cursor elsewhere in a frame selects every
 * note sounding in that frame.
 */
export function notesAtOffset(mapping: ResolvedMapping, abc: string, notes: readonly DrawnNote[], offset: number): number[] {
  if (mapping.kind === 'offset') {
    const local = offset - mapping.base;
    let touching = -1;
    for (let i = 0; i < notes.length; i++) {
      const r = trimRange(abc, notes[i].abcStart, notes[i].abcEnd);
      if (r.start <= local && local < r.end) return [i];
      if (local === r.end && touching < 0) touching = i;
    }
    return touching >= 0 ? [touching] : [];
  }
  const byStart = linkIndex(mapping.links);
  const matching = (pick: (link: NoteLink) => OffsetRange[]): number[] => {
    const found: number[] = [];
    notes.forEach((note, i) => {
      const link = byStart.get(note.abcStart);
      if (link && pick(link).some((r) => r.start <= offset && offset <= r.end)) found.push(i);
    });
    return found;
  };
  const onToken = matching((l) => l.tokens);
  return onToken.length > 0 ? onToken : matching((l) => l.frames);
}

/** The range without the whitespace abcjs includes around a note. */
export function trimRange(text: string, start: number, end: number): OffsetRange {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

const indexCache = new WeakMap<readonly NoteLink[], Map<number, NoteLink>>();

function linkIndex(links: readonly NoteLink[]): Map<number, NoteLink> {
  let index = indexCache.get(links);
  if (!index) {
    index = new Map(links.map((l) => [l.abcStart, l]));
    indexCache.set(links, index);
  }
  return index;
}
