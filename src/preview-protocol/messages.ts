// The messages between the extension host and the preview page, typed once for both sides.
// This file is imported by webview/main.ts too, so it must stay free of `vscode` and DOM imports.
import type { NotationLanguage } from '../notation/types';

/** How the rendered ABC's character offsets lead back to the document. */
export type SourceMapping =
  /** The ABC is a slice of the document beginning at `base` (an `.abc` tune). */
  | { kind: 'offset'; base: number }
  /**
   * The ABC was generated from a `.satb` chorale, one sixteenth per frame: the page links each drawn
   * note to the frame where it starts (see webview/satb-links.ts), using where each frame stands in the document,
   * packed by encodeFrameSources (./frame-codec.ts).
   */
  | { kind: 'frames'; frames: number[] };

/** Where one `.satb` frame stands in the document. */
export interface FrameSource {
  /** The whole frame, from its first token (a fermata or the soprano) to its `|||`. */
  start: number;
  end: number;
  /** Start and end offsets of each voice token, soprano first: `[sStart, sEnd, aStart, aEnd, ...]`. */
  voices: number[];
}

/** Offsets in UTF-16 code units, end exclusive. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** A problem found before rendering (e.g. `.satb` parse errors), shown above the score. */
export interface PreviewDiagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 0-based line in the document. */
  line: number;
  column: number;
}

/** How expected one stretch of the document is under the model ("BachBot: Show Surprisal"). */
export interface SurprisalMark {
  start: number;
  end: number;
  /** Index into SURPRISAL_BUCKETS (0 expected … 4 very surprising). */
  bucket: number;
  /** What a hover says: "G2: surprisal 3.21 nats (p ≈ 4.0%), unusual". */
  text: string;
}

export interface RenderMessage {
  type: 'render';
  /** The document's URI as a string; also what the page stores so that the panel can be restored. */
  uri: string;
  /** The document version this render shows; the page drops renders older than the one it shows. */
  version: number;
  languageId: NotationLanguage;
  title: string;
  /** ABC text handed to abcjs; empty when there is nothing to draw. */
  abc: string;
  mapping: SourceMapping;
  diagnostics: PreviewDiagnostic[];
  /** The cursor's document offset at the time of the render, highlighted after drawing. */
  cursor?: number;
  /** For a slice of the document (`.abc`): the 0-based document line it starts on, to number abcjs's warnings. */
  firstLine?: number;
  /** Surprisal shown for this version of the document, if the user asked for it. */
  surprisal?: SurprisalMark[];
}

/** Surprisal for the version the page shows; an empty list takes it away. */
export interface SurprisalMessage {
  type: 'surprisal';
  uri: string;
  version: number;
  marks: SurprisalMark[];
}

export interface CursorMessage {
  type: 'cursor';
  uri: string;
  /** Document offset of the editor's cursor. */
  offset: number;
}

export interface PlaybackCommandMessage {
  type: 'playback-command';
  command: 'play' | 'pause' | 'toggle' | 'stop';
  /** Play only from here (document offsets): from the note at `from` to the last note before `to`, or to the end. */
  span?: PlaySpan;
}

export interface PlaySpan {
  from: number;
  to?: number;
  /** Start again at `from` each time the span has been played, until stopped. */
  loop: boolean;
}

export type HostToPage = RenderMessage | CursorMessage | PlaybackCommandMessage | SurprisalMessage;

export type PlaybackState = 'loading' | 'playing' | 'paused' | 'stopped' | 'error';

export interface ReadyMessage {
  type: 'ready';
}

/** A note was clicked: select this document range. */
export interface RevealSourceMessage {
  type: 'reveal-source';
  uri: string;
  version: number;
  start: number;
  end: number;
}

export interface RenderedMessage {
  type: 'rendered';
  uri: string;
  version: number;
  /** Notes and rests drawn, and the warnings abcjs gave. */
  notes: number;
  warnings: string[];
  /** Notes coloured by surprisal (0 when none is shown). */
  surprisalNotes?: number;
}

export interface PlaybackMessage {
  type: 'playback';
  state: PlaybackState;
  /** For 'error': what went wrong; for 'loading': how many sounds are needed. */
  detail?: string;
}

/** The notes sounding now, as document ranges (empty when playback stops), for the editor to highlight. */
export interface SoundingMessage {
  type: 'sounding';
  uri: string;
  ranges: OffsetRange[];
}

export interface PageErrorMessage {
  type: 'page-error';
  message: string;
}

export type PageToHost = ReadyMessage | RevealSourceMessage | RenderedMessage | PlaybackMessage | SoundingMessage | PageErrorMessage;

/** What the page keeps in `vscode.setState`, read back by the panel serializer after a reload. */
export interface PreviewPageState {
  uri: string;
}

/** Settings the host writes into the page's HTML (an escaped attribute), read once at start. */
export interface PreviewPageSettings {
  /** Base URL of the bundled sound font, ending in `/`; abcjs appends `acoustic_grand_piano-mp3/C4.mp3`. */
  soundFontUrl: string;
}

const PAGE_TO_HOST_TYPES: ReadonlySet<string> = new Set(['ready', 'reveal-source', 'rendered', 'playback', 'sounding', 'page-error']);
const HOST_TO_PAGE_TYPES: ReadonlySet<string> = new Set(['render', 'cursor', 'playback-command', 'surprisal']);

/** Guards for messages that arrive untyped from the other side. */
export function isPageToHost(value: unknown): value is PageToHost {
  return hasType(value, PAGE_TO_HOST_TYPES);
}

export function isHostToPage(value: unknown): value is HostToPage {
  return hasType(value, HOST_TO_PAGE_TYPES);
}

function hasType(value: unknown, types: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && types.has(type);
}
