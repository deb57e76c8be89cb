/** The tunes of an ABC file as an outline: each tune (X:, T:) with its parts (P:) and voices (V:). */
import { parseAbc } from './parse';
import type { AbcTune } from './types';

export interface OutlineEntry {
  kind: 'tune' | 'part' | 'voice';
  /** What the outline shows: the title, the part's label, the voice's id (and name). */
  name: string;
  /** Secondary text: `X:12`, the key and meter of a tune. */
  detail: string;
  /** Offsets of what the entry covers: a tune's lines, a part up to the next part, a voice's V: line. */
  start: number;
  end: number;
  /** Offsets of the text that names it (the T: line, the P: field, the V: field). */
  nameStart: number;
  nameEnd: number;
  children: OutlineEntry[];
}

/** Parts and voices listed per tune: past this many the outline is no help, and handing it to the editor costs the
 * extension host more than an edit may (20,000 voices: 100 ms). The tune's detail says how many there are. */
export const MAX_OUTLINE_CHILDREN = 1000;

export function abcOutline(text: string): OutlineEntry[] {
  return parseAbc(text).tunes.map((tune) => tuneEntry(text, tune));
}

function tuneEntry(text: string, tune: AbcTune): OutlineEntry {
  const titleField = tune.headers.find((h) => h.name === 'T');
  const named = titleField ?? tune.headers.find((h) => h.name === 'X') ?? { start: tune.start, end: lineEnd(text, tune.start) };
  const title = tune.title || (tune.reference !== undefined ? `Tune ${tune.reference}` : `Tune ${tune.index + 1}`);
  let detail = [tune.reference !== undefined ? `X:${tune.reference}` : '', tune.keyText ? `K:${tune.keyText}` : '', tune.meter.free ? '' : `M:${tune.meter.text}`]
    .filter(Boolean)
    .join(' ');
  const children = [...partEntries(text, tune), ...voiceEntries(text, tune)].sort((a, b) => a.start - b.start);
  if (children.length > MAX_OUTLINE_CHILDREN) {
    const listed = `${MAX_OUTLINE_CHILDREN.toLocaleString('en-US')} of ${children.length.toLocaleString('en-US')} parts and voices listed`;
    detail = detail ? `${detail} · ${listed}` : listed;
    children.length = MAX_OUTLINE_CHILDREN;
  }
  return { kind: 'tune', name: title, detail, start: tune.start, end: tune.end, nameStart: named.start, nameEnd: named.end, children };
}

/** Body P: lines and inline [P:...] fields; each part runs to the next one or the tune's end. */
function partEntries(text: string, tune: AbcTune): OutlineEntry[] {
  const marks = tune.elements.filter((e) => e.kind === 'field' && e.name === 'P');
  return marks.map((m, k) => {
    const label = m.kind === 'field' ? m.value.replace(/%.*$/, '').trim() : '';
    const end = k + 1 < marks.length ? lineEndBefore(text, marks[k + 1].start, m.end) : tune.end;
    return { kind: 'part', name: `Part ${label || '?'}`, detail: '', start: m.start, end, nameStart: m.start, nameEnd: m.end, children: [] };
  });
}

/** One entry per voice, at the V: field that first names it (header or body). */
function voiceEntries(text: string, tune: AbcTune): OutlineEntry[] {
  const seen = new Set<string>();
  const out: OutlineEntry[] = [];
  const add = (id: string, properties: string, start: number, end: number) => {
    if (!id || seen.has(id)) return;
    seen.add(id);
    const name = /(?:^|\s)(?:name|nm)="([^"]*)"/.exec(properties)?.[1];
    out.push({ kind: 'voice', name: `V:${id}`, detail: name ?? '', start, end, nameStart: start, nameEnd: end, children: [] });
  };
  for (const h of tune.headers) if (h.name === 'V') add(...voiceOf(h.value), h.start, h.end);
  for (const e of tune.elements) if (e.kind === 'field' && e.name === 'V') add(...voiceOf(e.value), e.start, e.end);
  return out;
}

function voiceOf(value: string): [string, string] {
  const stripped = value.replace(/%.*$/, '').trim();
  const id = stripped.split(/\s+/)[0] ?? '';
  return [id, stripped.slice(id.length)];
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

/** The end of the last line before `offset` (not before `floor`): where a part ends when the next begins. */
function lineEndBefore(text: string, offset: number, floor: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart === offset && lineStart > floor) {
    const prev = lineStart - 1;
    return prev > 0 && text[prev - 1] === '\r' ? prev - 1 : prev;
  }
  return Math.max(floor, offset);
}
