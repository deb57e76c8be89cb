/** ABC 2.1 parser: splits a file into tunes, reads headers, scans bodies. Never throws. */
import { LineIndex, NotationDiagnostic } from '../common/diagnostic';
import { C_MAJOR, KeySignature, parseKey } from '../music/key';
import type { Fraction } from '../music/fraction';
import { defaultUnitLength, FREE_METER, isCompound, parseMeter, readMeter, readUnitLength } from './meter';
import { RawDiagnostic, scanMusicLine } from './scan-body';
import type { AbcElement, AbcHeaderField, AbcParseResult, AbcTune, AbcVoiceInfo, Meter } from './types';

interface Line {
  start: number;
  /** End of the line's text, before `\r\n` / `\n`. */
  end: number;
  /** Offset after the line break (= end for the last line). */
  next: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ start, end: text.length, next: text.length });
      break;
    }
    const end = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
    lines.push({ start, end, next: nl + 1 });
    start = nl + 1;
  }
  return lines;
}

const FIELD_LINE = /^([A-Za-z+]):/;

function isBlank(text: string, line: Line): boolean {
  return text.slice(line.start, line.end).trim() === '';
}

const BEGIN_TEXT = /^%%begintext\b/;

/** For a `%%begintext` line at `i`: the index of its `%%endtext` line (the last line when it is missing). */
function textBlockEnd(text: string, lines: Line[], i: number): number {
  for (let j = i + 1; j < lines.length; j++) if (/^%%endtext\b/.test(text.slice(lines[j].start, lines[j].end))) return j;
  return lines.length - 1;
}

export function parseAbc(text: string): AbcParseResult {
  const raw: RawDiagnostic[] = [];
  const tunes: AbcTune[] = [];
  try {
    parseInto(text, tunes, raw);
  } catch (e) {
    // A bug must not take the editor down: report it where it can be seen.
    raw.push({ severity: 'error', message: `internal parser error: ${(e as Error).message}`, start: 0, end: 0, code: 'abc.internal' });
  }
  return { tunes, diagnostics: toDiagnostics(text, raw) };
}

let cachedIndex: LineIndex | undefined;

/** A LineIndex for `text`, reused while the same document is asked for again (frames of many tunes, checks). */
export function lineIndexFor(text: string): LineIndex {
  if (!cachedIndex || cachedIndex.text !== text) cachedIndex = new LineIndex(text);
  return cachedIndex;
}

export function toDiagnostics(text: string, raw: RawDiagnostic[]): NotationDiagnostic[] {
  if (raw.length === 0) return [];
  const index = lineIndexFor(text);
  return raw.map((d) => ({
    severity: d.severity,
    message: d.message,
    code: d.code,
    range: index.rangeOf(Math.min(d.start, d.end), Math.max(d.start, d.end)),
  }));
}

function parseInto(text: string, tunes: AbcTune[], raw: RawDiagnostic[]): void {
  const emit = (d: RawDiagnostic) => raw.push(d);
  const lines = splitLines(text);
  const hasX = lines.some((l) => /^X:/.test(text.slice(l.start, l.end)));
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const content = text.slice(line.start, line.end);
    const startsTune = hasX ? /^X:/.test(content) : !isBlank(text, line) && !/^%/.test(content);
    if (!startsTune) {
      i = BEGIN_TEXT.test(content) ? textBlockEnd(text, lines, i) + 1 : i + 1;
      continue;
    }
    i = parseTune(text, lines, i, tunes.length, emit, (t) => tunes.push(t));
  }
}

/** Parses one tune from line `first`; returns the index of the first line after it. */
function parseTune(text: string, lines: Line[], first: number, index: number, emit: (d: RawDiagnostic) => void, done: (t: AbcTune) => void): number {
  const headers: AbcHeaderField[] = [];
  const directives: string[] = [];
  const voices: AbcVoiceInfo[] = [];
  const voiceIds = new Set<string>();
  let meter: Meter = FREE_METER;
  let unitLength: Fraction | undefined;
  let key: KeySignature = C_MAJOR;
  let keyText = '';
  let reference: number | undefined;
  let title: string | undefined;
  let userDecorations = '';
  let i = first;
  let bodyStartLine = -1;
  let sawKey = false;
  const tuneStart = lines[first].start;
  let lastContentEnd = lines[first].end;

  for (; i < lines.length; i++) {
    const line = lines[i];
    const content = text.slice(line.start, line.end);
    if (i > first && isBlank(text, line)) break;
    if (i > first && /^X:/.test(content)) break;
    lastContentEnd = line.end;
    if (BEGIN_TEXT.test(content)) {
      i = textBlockEnd(text, lines, i);
      lastContentEnd = lines[i].end;
      continue;
    }
    if (/^%/.test(content)) {
      if (content.startsWith('%%')) directives.push(content);
      continue;
    }
    const fm = FIELD_LINE.exec(content);
    if (!fm) {
      emit({ severity: 'warning', message: 'music before the K: field (the header must end with K:); assuming K:C', start: line.start, end: line.end, code: 'abc.missing-key' });
      bodyStartLine = i;
      break;
    }
    const name = fm[1];
    const value = content.slice(2);
    const valueStart = line.start + 2;
    headers.push({ name, value, start: line.start, end: line.end });
    if (name === 'X') {
      const n = /^\s*(\d+)\s*(%.*)?$/.exec(value);
      if (n) reference = Number(n[1]);
      else emit({ severity: 'warning', message: `X: should be a number, not '${value.trim()}'`, start: valueStart, end: line.end, code: 'abc.field' });
    } else if (name === 'T' && title === undefined) {
      title = value.trim();
    } else if (name === 'M') {
      const m = readMeter(value);
      if ('problem' in m) emit({ severity: 'error', message: m.problem, ...valueRange(value, valueStart), code: 'abc.meter' });
      else meter = m;
    } else if (name === 'L') {
      const l = readUnitLength(value);
      if ('problem' in l) emit({ severity: 'error', message: l.problem, ...valueRange(value, valueStart), code: 'abc.unit-length' });
      else unitLength = l;
    } else if (name === 'V') {
      const info = voiceInfo(value);
      voices.push(info);
      voiceIds.add(info.id);
    } else if (name === 'U') {
      userDecorations += userDecorationLetter(value);
    } else if (name === 'K') {
      const stripped = value.replace(/%.*$/, '');
      const parsed = parseKey(stripped);
      key = parsed.key;
      keyText = stripped.trim();
      for (const p of parsed.problems) emit({ severity: 'error', message: p.message, start: valueStart + p.start, end: valueStart + p.end, code: 'abc.key' });
      sawKey = true;
      bodyStartLine = i + 1;
      break;
    }
  }
  if (!sawKey && bodyStartLine < 0) {
    const x = lines[first];
    emit({ severity: 'warning', message: 'tune has no K: field', start: x.start, end: x.end, code: 'abc.missing-key' });
  }
  const unit = unitLength ?? defaultUnitLength(meter);
  const elements: AbcElement[] = [];
  let bodyStart = lastContentEnd;
  let end = lastContentEnd;
  if (bodyStartLine >= 0) {
    bodyStart = bodyStartLine < lines.length ? lines[bodyStartLine].start : lastContentEnd;
    let bodyMeter = meter;
    const ctx = { emit, voice: voices[0]?.id ?? '', compound: () => isCompound(bodyMeter), userDecorations };
    for (i = bodyStartLine; i < lines.length; i++) {
      const line = lines[i];
      const content = text.slice(line.start, line.end);
      if (isBlank(text, line) || /^X:/.test(content)) break;
      if (i > bodyStartLine) elements.push({ kind: 'newline', voice: ctx.voice, start: lines[i - 1].end, end: line.start });
      end = line.end;
      const fm = FIELD_LINE.exec(content);
      if (BEGIN_TEXT.test(content)) {
        // Free text inside the tune, up to %%endtext: one comment element per line, blank lines included.
        const last = textBlockEnd(text, lines, i);
        for (let j = i; j <= last; j++) {
          if (j > i) elements.push({ kind: 'newline', voice: ctx.voice, start: lines[j - 1].end, end: lines[j].start });
          elements.push({ kind: 'comment', directive: j === i || j === last, voice: ctx.voice, start: lines[j].start, end: lines[j].end });
        }
        i = last;
        end = lines[last].end;
      } else if (/^%/.test(content)) {
        elements.push({ kind: 'comment', directive: content.startsWith('%%'), voice: ctx.voice, start: line.start, end: line.end });
      } else if (fm && !/^[|:]/.test(content)) {
        const value = content.slice(2).replace(/%.*$/, '');
        if (fm[1] === 'V') {
          const info = voiceInfo(value);
          ctx.voice = info.id;
          if (!voiceIds.has(info.id)) {
            voiceIds.add(info.id);
            voices.push(info);
          }
        } else if (fm[1] === 'M') {
          bodyMeter = parseMeter(value) ?? bodyMeter;
        } else if (fm[1] === 'U') {
          ctx.userDecorations += userDecorationLetter(value);
        }
        pushFieldLine(elements, text, line, fm[1], ctx.voice);
      } else {
        scanMusicLine(text, line.start, line.end, ctx, elements);
      }
    }
    if (i === bodyStartLine) bodyStart = end = lastContentEnd;
  } else {
    end = lastContentEnd;
  }
  done({
    source: text,
    index,
    reference,
    title,
    start: tuneStart,
    end,
    headers,
    directives,
    bodyStart,
    meter,
    unitLength: unit,
    unitLengthGiven: unitLength !== undefined,
    key,
    keyText,
    voices,
    elements,
  });
  return i;
}

/** Offsets of a field's value without the spaces around it or a trailing `%` comment (the whole value when blank). */
function valueRange(value: string, valueStart: number): { start: number; end: number } {
  const written = value.replace(/%.*$/, '');
  const start = written.length - written.trimStart().length;
  const end = written.trimEnd().length;
  return end > start ? { start: valueStart + start, end: valueStart + end } : { start: valueStart, end: valueStart + value.length };
}

/** A body field line as one element, with a trailing `%` comment (and the spaces before it) split off. */
function pushFieldLine(elements: AbcElement[], text: string, line: Line, name: string, voice: string): void {
  const content = text.slice(line.start, line.end);
  const percent = content.indexOf('%');
  const valueEnd = percent < 0 ? content.length : content.slice(0, percent).trimEnd().length;
  const fieldEnd = line.start + Math.max(2, valueEnd);
  elements.push({ kind: 'field', name, value: text.slice(line.start + 2, fieldEnd), inline: false, voice, start: line.start, end: fieldEnd });
  if (percent < 0) return;
  const commentStart = line.start + percent;
  if (commentStart > fieldEnd) elements.push({ kind: 'space', voice, start: fieldEnd, end: commentStart });
  elements.push({ kind: 'comment', directive: false, voice, start: commentStart, end: line.end });
}

/** The letter a `U:` field defines (`U:W = !trill!` → `W`), or '' when it names none. */
function userDecorationLetter(value: string): string {
  return /^\s*([~H-Wh-w])\s*=/.exec(value)?.[1] ?? '';
}

export function voiceInfo(value: string): AbcVoiceInfo {
  const stripped = value.replace(/%.*$/, '').trim();
  const id = stripped.split(/\s+/)[0] ?? '';
  const properties = stripped.slice(id.length).trim();
  const clef = /(?:^|\s)clef=(\S+)/.exec(properties)?.[1] ?? (/(?:^|\s)(treble|bass|alto|tenor)(?:\s|$)/.exec(properties)?.[1]);
  return { id, properties, clef };
}
