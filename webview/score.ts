// Draws the score with abcjs and keeps an index of its notes for clicks, cursor and playback highlights.
import * as abcjs from 'abcjs';
import type { OffsetRange, RenderMessage, SurprisalMark } from '../src/preview-protocol/messages';
import { SURPRISAL_BUCKETS } from '../src/preview-protocol/surprisal-buckets';
import { decodeFrameSources } from '../src/preview-protocol/frame-codec';
import { notesAtOffset, sourceRangeOfNote, type DrawnNote, type ResolvedMapping } from './note-lookup';
import { linkChoraleNotes } from './satb-links';

interface ScoreNote extends DrawnNote {
  element: Element;
  /** The document text the note came from. */
  source?: OffsetRange;
}

export const CURSOR_CLASS = 'bachbot-cursor';
export const PLAYING_CLASS = 'bachbot-playing';
/** `bachbot-surprisal-0` (expected) … `bachbot-surprisal-4` (very surprising). */
const SURPRISAL_CLASSES = SURPRISAL_BUCKETS.map((_, i) => `bachbot-surprisal-${i}`);
const ABCJS_SELECTED_CLASS = 'abcjs-note_selected';

export class Score {
  private notes: ScoreNote[] = [];
  private shown: RenderMessage | undefined;
  private mapping: ResolvedMapping = { kind: 'offset', base: 0 };
  private tune: abcjs.TuneObject | undefined;
  private playing: Element[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly onNoteClicked: (range: OffsetRange, render: RenderMessage) => void,
  ) {}

  get visualObject(): abcjs.TuneObject | undefined {
    return this.tune;
  }

  /** Draws a render message; returns the number of notes drawn and abcjs's warnings as plain text. */
  draw(render: RenderMessage): { notes: number; warnings: string[] } {
    this.shown = render;
    this.notes = [];
    this.playing = [];
    this.tune = undefined;
    this.mapping = { kind: 'offset', base: 0 };
    if (!render.abc.trim()) {
      this.container.replaceChildren();
      return { notes: 0, warnings: [] };
    }
    const tunes = abcjs.renderAbc(this.container, render.abc, {
      add_classes: true,
      responsive: 'resize',
      // abcjs colours a clicked note through an attribute; the stylesheet colours it by class instead.
      selectionColor: 'currentColor',
      clickListener: (abcElem) => this.clicked(abcElem),
    });
    this.tune = tunes[0];
    if (!this.tune) return { notes: 0, warnings: [] };
    const { mapping } = render;
    this.mapping = mapping.kind === 'frames' ? { kind: 'links', links: linkChoraleNotes(this.tune, decodeFrameSources(mapping.frames)) } : mapping;
    for (const selectable of this.tune.getSelectableArray() as Selectable[]) {
      const elem = selectable.absEl?.abcelem;
      if (!elem || elem.el_type !== 'note' || elem.startChar === undefined || elem.endChar === undefined) continue;
      const note: ScoreNote = { abcStart: elem.startChar, abcEnd: elem.endChar, element: selectable.svgEl };
      const source = sourceRangeOfNote(this.mapping, render.abc, note);
      if (source) {
        note.source = source;
        note.element.setAttribute('data-source-start', String(source.start));
        note.element.setAttribute('data-source-end', String(source.end));
      }
      this.notes.push(note);
    }
    return { notes: this.notes.length, warnings: (this.tune.warnings ?? []).map(htmlToText) };
  }

  /**
   * Colours each note by the surprisal of the text it came from (the most surprising mark it overlaps) and names
   * it in a tooltip; no marks take the colours away. Returns how many notes got a colour.
   */
  showSurprisal(marks: readonly SurprisalMark[]): number {
    const sorted = [...marks].sort((a, b) => a.start - b.start);
    let coloured = 0;
    for (const note of this.notes) {
      note.element.classList.remove(...SURPRISAL_CLASSES);
      note.element.querySelector(':scope > title.bachbot-surprisal')?.remove();
      const mark = note.source && mostSurprising(sorted, note.source);
      if (!mark) continue;
      note.element.classList.add(SURPRISAL_CLASSES[mark.bucket] ?? SURPRISAL_CLASSES[SURPRISAL_CLASSES.length - 1]);
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.classList.add('bachbot-surprisal');
      title.textContent = mark.text;
      note.element.prepend(title);
      coloured++;
    }
    return coloured;
  }

  /** Highlights the notes under the editor's cursor; returns how many. */
  showCursor(offset: number): number {
    // abcjs's own click selection would linger on the old note; the cursor highlight replaces it.
    for (const el of this.container.querySelectorAll(`.${CURSOR_CLASS}, .${ABCJS_SELECTED_CLASS}`)) el.classList.remove(CURSOR_CLASS, ABCJS_SELECTED_CLASS);
    if (!this.shown) return 0;
    const found = notesAtOffset(this.mapping, this.shown.abc, this.notes, offset);
    for (const i of found) this.notes[i].element.classList.add(CURSOR_CLASS);
    const first = found.length > 0 ? this.notes[found[0]].element : undefined;
    if (first && !isVisible(first)) first.scrollIntoView({ block: 'center', inline: 'nearest' });
    return found.length;
  }

  /**
   * The offset in the drawn ABC that a document offset stands for: the same place in a tune's slice; for a chorale,
   * the first note the offset's token or frame sounds. Undefined outside what is drawn.
   */
  abcOffsetAt(offset: number): number | undefined {
    if (!this.shown) return undefined;
    if (this.mapping.kind === 'offset') {
      const local = offset - this.mapping.base;
      return local >= 0 && local <= this.shown.abc.length ? local : undefined;
    }
    const found = notesAtOffset(this.mapping, this.shown.abc, this.notes, offset);
    return found.length > 0 ? found.reduce((min, i) => Math.min(min, this.notes[i].abcStart), Infinity) : undefined;
  }

  /** Document ranges of the drawn notes written at these ABC offsets (abcjs's `startChar`s). */
  sourceRanges(abcStarts: number[]): OffsetRange[] {
    const wanted = new Set(abcStarts);
    return this.notes.filter((n) => wanted.has(n.abcStart) && n.source).map((n) => n.source!);
  }

  /** Marks the elements sounding now (abcjs timing events give their SVG elements). */
  showPlaying(elements: Element[]): void {
    this.clearPlaying();
    for (const el of elements) el.classList.add(PLAYING_CLASS);
    this.playing = elements;
  }

  clearPlaying(): void {
    for (const el of this.playing) el.classList.remove(PLAYING_CLASS);
    this.playing = [];
  }

  private clicked(abcElem: abcjs.AbcElem): void {
    const render = this.shown;
    if (!render || abcElem.startChar === undefined) return;
    const note = this.notes.find((n) => n.abcStart === abcElem.startChar);
    const range = note && sourceRangeOfNote(this.mapping, render.abc, note);
    if (range) this.onNoteClicked(range, render);
  }
}

/** Of the marks (sorted by start) overlapping a range, the one in the highest bucket. */
function mostSurprising(sorted: readonly SurprisalMark[], range: OffsetRange): SurprisalMark | undefined {
  let best: SurprisalMark | undefined;
  for (const m of sorted) {
    if (m.start >= range.end) break;
    if (m.end > range.start && (!best || m.bucket > best.bucket)) best = m;
  }
  return best;
}

/** The part of abcjs's selectables this page uses (its type says `any`). */
interface Selectable {
  absEl?: { abcelem?: abcjs.AbcElem };
  svgEl: Element;
}

/** abcjs warnings are HTML (escaped source with an underlined character); show them as text. */
function htmlToText(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

function isVisible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
}
