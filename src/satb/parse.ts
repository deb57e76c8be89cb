import { LineIndex, type NotationDiagnostic, type Severity, type SourceRange } from '../common/diagnostic';
import { lexSatb, type Lexeme } from './lexer';
import { applyMetaComment } from './meta';
import {
  END_TOKEN,
  FERMATA_TOKEN,
  FRAME_END_TOKEN,
  START_TOKEN,
  readVoice,
} from './tokens';
import type { Chorale, VoiceEntry } from './types';
import { padShortFrame, shortFrameReading, voiceName } from './voices';

export type SatbTokenKind = 'start' | 'end' | 'fermata' | 'voice' | 'frame-end' | 'unknown';

export interface SatbToken {
  /** Canonical spelling for tokens of the language (`(60, False)` reads as `(60,False)`); verbatim otherwise. */
  text: string;
  range: SourceRange;
  /** Index in `chorale.frames` of the frame this token belongs to. */
  frameIndex?: number;
  kind: SatbTokenKind;
}

export interface SatbParseResult {
  chorale: Chorale;
  /** Notation tokens in source order (comments excluded; they are in `comments`). */
  tokens: SatbToken[];
  /** `%` comment lines with their ranges. */
  comments: { text: string; range: SourceRange }[];
  diagnostics: NotationDiagnostic[];
}

interface OpenFrame {
  fermata: boolean;
  entries: { entry: VoiceEntry; lexeme: Lexeme }[];
  start: number;
  broken: boolean;
}

/** Reads a `.satb` document. Never throws: problems become diagnostics with exact ranges. */
export function parseSatb(text: string): SatbParseResult {
  return new SatbParser(text).run();
}

class SatbParser {
  private readonly index: LineIndex;
  private readonly chorale: Chorale = { meta: { comments: [] }, frames: [] };
  private readonly tokens: SatbToken[] = [];
  private readonly comments: { text: string; range: SourceRange }[] = [];
  private readonly diagnostics: NotationDiagnostic[] = [];
  private state: 'before' | 'body' | 'after' = 'before';
  private frame: OpenFrame | undefined;
  /** Whether the previous frame was short or broken, so that its voices are uncertain. */
  private previousUncertain = false;
  private afterEnd: { start: number; end: number } | undefined;
  private lastEnd = 0;

  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
  }

  run(): SatbParseResult {
    const lexemes = lexSatb(this.text);
    for (const lx of lexemes) {
      if (lx.kind === 'comment') this.comment(lx);
      else this.word(lx);
    }
    this.finish(lexemes);
    return { chorale: this.chorale, tokens: this.tokens, comments: this.comments, diagnostics: this.diagnostics };
  }

  private report(severity: Severity, code: string, start: number, end: number, message: string): void {
    this.diagnostics.push({ severity, code, message, range: this.index.rangeOf(start, end) });
  }

  private comment(lx: Lexeme): void {
    this.comments.push({ text: lx.text, range: this.index.rangeOf(lx.start, lx.end) });
    const problem = applyMetaComment(this.chorale.meta, lx.text);
    if (problem) this.report('warning', 'satb.metadata', lx.start, lx.end, problem);
  }

  private token(lx: Lexeme, kind: SatbTokenKind, text = lx.text, frameIndex?: number): void {
    const t: SatbToken = { text, range: this.index.rangeOf(lx.start, lx.end), kind };
    if (frameIndex !== undefined) t.frameIndex = frameIndex;
    this.tokens.push(t);
    this.lastEnd = lx.end;
  }

  private word(lx: Lexeme): void {
    if (this.state === 'after') {
      this.afterEnd = { start: this.afterEnd?.start ?? lx.start, end: lx.end };
      this.token(lx, 'unknown');
      return;
    }
    if (lx.text === START_TOKEN) {
      if (this.state === 'body') this.report('error', 'satb.start', lx.start, lx.end, 'START inside a chorale: the previous one has no END');
      this.state = 'body';
      this.token(lx, 'start');
      return;
    }
    if (lx.text === END_TOKEN) {
      if (this.state === 'before') this.report('error', 'satb.missing-start', lx.start, lx.end, 'END without START');
      this.closeOpenFrame('before END');
      this.state = 'after';
      this.token(lx, 'end');
      return;
    }
    const voice = readVoice(lx.text);
    const isFrameToken = voice !== undefined || lx.text === FERMATA_TOKEN || lx.text === FRAME_END_TOKEN;
    if (this.state === 'before' && isFrameToken) {
      this.report('error', 'satb.missing-start', lx.start, lx.end, 'missing START before the first frame');
      this.state = 'body';
    }
    if (lx.text === FRAME_END_TOKEN) return this.frameEnd(lx);
    if (lx.text === FERMATA_TOKEN) return this.fermata(lx);
    if (voice) return this.voice(lx, voice.entry, voice.canonical);
    this.unknown(lx);
  }

  private open(start: number): OpenFrame {
    this.frame ??= { fermata: false, entries: [], start, broken: false };
    return this.frame;
  }

  private fermata(lx: Lexeme): void {
    const f = this.open(lx.start);
    if (f.entries.length > 0) {
      this.report('error', 'satb.fermata-position', lx.start, lx.end, 'the fermata (.) must come before the four voices of its frame');
      f.broken = true;
    } else if (f.fermata) {
      this.report('warning', 'satb.duplicate-fermata', lx.start, lx.end, 'this frame already has a fermata');
    }
    f.fermata = true;
    this.token(lx, 'fermata', FERMATA_TOKEN, this.chorale.frames.length);
  }

  private voice(lx: Lexeme, entry: VoiceEntry, canonical: string): void {
    const f = this.open(lx.start);
    f.entries.push({ entry, lexeme: lx });
    if (f.entries.length > 4) {
      this.report('error', 'satb.too-many-voices', lx.start, lx.end, `a frame has four voices (S A T B); this is voice ${f.entries.length} — is a ||| missing?`);
      f.broken = true;
    }
    if (entry.kind === 'note' && (entry.pitch < 0 || entry.pitch > 127)) {
      this.report('error', 'satb.pitch-range', lx.start, lx.end, `MIDI pitch ${entry.pitch} is outside 0–127`);
      f.broken = true;
    }
    this.token(lx, 'voice', canonical, this.chorale.frames.length);
  }

  private unknown(lx: Lexeme): void {
    const hint = /^\(\s*-?\d+\s*,/.test(lx.text) ? ' (write notes as (60,False) or (60,True))' : '';
    this.report('error', 'satb.unknown-token', lx.start, lx.end, `unknown token '${lx.text}'${hint}`);
    if (this.frame) this.frame.broken = true;
    this.token(lx, 'unknown');
  }

  private frameEnd(lx: Lexeme): void {
    const f = this.open(lx.start);
    this.token(lx, 'frame-end', FRAME_END_TOKEN, this.chorale.frames.length);
    this.frame = undefined;
    if (f.entries.length === 0) {
      const what = f.fermata ? 'a fermata with no voices' : 'an empty frame';
      this.report('error', 'satb.empty-frame', f.start, lx.end, `${what}: a frame is [(.)] S A T B |||`);
      this.previousUncertain = true;
      return;
    }
    this.pushFrame(f, lx.end);
  }

  private closeOpenFrame(where: string): void {
    const f = this.frame;
    if (!f) return;
    this.frame = undefined;
    const last = f.entries.length ? f.entries[f.entries.length - 1].lexeme.end : f.start + FERMATA_TOKEN.length;
    this.report('error', 'satb.unclosed-frame', f.start, last, `frame not closed with ||| ${where}`);
    f.broken = true;
    if (f.entries.length > 0) this.pushFrame(f, last);
  }

  private pushFrame(f: OpenFrame, end: number): void {
    const n = f.entries.length;
    const short = n < 4;
    if (short && !f.broken) {
      const first = f.entries[0].lexeme.start;
      this.report('warning', 'satb.short-frame', first, end, `BachBot-style frame with ${n} voice${n === 1 ? '' : 's'}; read as ${shortFrameReading(n)}`);
    }
    const entries = f.entries.slice(0, 4).map((e) => e.entry);
    const voices = short ? padShortFrame(entries) : entries;
    const uncertain = short || f.broken;
    if (!uncertain && !this.previousUncertain) this.checkHeld(f);
    this.chorale.frames.push({ fermata: f.fermata, voices, range: this.index.rangeOf(f.start, end) });
    this.previousUncertain = uncertain;
  }

  /** `(P,True)` must continue pitch P in the same voice. */
  private checkHeld(f: OpenFrame): void {
    const prev = this.chorale.frames[this.chorale.frames.length - 1];
    f.entries.slice(0, 4).forEach(({ entry, lexeme }, v) => {
      if (entry.kind !== 'note' || !entry.held) return;
      const before = prev?.voices[v];
      if (before?.kind === 'note' && before.pitch === entry.pitch) return;
      const was = !prev ? 'there is no previous frame' : before?.kind === 'note' ? `it sounded ${before.pitch} before` : before?.kind === 'rest' ? 'it rested before' : 'it was a slot before';
      this.report('error', 'satb.held-without-note', lexeme.start, lexeme.end, `the ${voiceName(v)} holds ${entry.pitch}, but ${was}; write (${entry.pitch},False) to strike it`);
    });
  }

  private finish(lexemes: Lexeme[]): void {
    if (this.afterEnd) {
      this.report('error', 'satb.after-end', this.afterEnd.start, this.afterEnd.end, 'text after END');
    }
    if (this.state === 'body') {
      this.closeOpenFrame('at the end of the text');
      const at = this.lastEnd;
      this.report('error', 'satb.missing-end', at, at, 'missing END after the last frame');
    } else if (this.state === 'before' && lexemes.length > 0) {
      const severity = lexemes.some((l) => l.kind === 'word') ? 'error' : 'warning';
      this.report(severity, 'satb.missing-start', this.text.length, this.text.length, 'missing START: no chorale in this text');
    }
  }
}
