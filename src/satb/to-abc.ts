import { C_MAJOR, formatKey } from '../music';
import { AbcSpeller, lengthSuffix, writableLengths } from './abc-notes';
import { parseKeyMeta } from './key-meta';
import { readMetaLine } from './meta';
import type { Chorale, Frame } from './types';

interface VoiceEvent {
  kind: 'note' | 'rest' | 'slot';
  pitch: number;
  start: number;
  length: number;
}

const VOICES = [
  { id: 'S', clef: 'treble', name: 'Soprano' },
  { id: 'A', clef: 'treble', name: 'Alto' },
  { id: 'T', clef: 'bass', name: 'Tenor' },
  { id: 'B', clef: 'bass', name: 'Bass' },
];

export interface ChoraleToAbcOptions {
  barsPerLine?: number;
}

/** The chorale as ABC: S and A on a treble staff, T and B on a bass staff, one sixteenth per frame, spelled in the
 * original key recorded in `% key:` (pitches moved back by the recorded shift). Slots become invisible rests. */
export function choraleToAbc(chorale: Chorale, options: ChoraleToAbcOptions = {}): string {
  const { meta, frames } = chorale;
  const keyMeta = parseKeyMeta(meta.key);
  const key = keyMeta?.original ?? C_MAJOR;
  const shift = keyMeta?.shift ?? 0;
  const meter = /^(\d+)\/(\d+)$/.exec(meta.meter ?? '');
  const barLength = meter && (Number(meter[1]) * 16) % Number(meter[2]) === 0 ? (Number(meter[1]) * 16) / Number(meter[2]) : 16;
  const meterText = meter && barLength > 0 ? meta.meter! : '4/4';
  const bar = barLength > 0 ? barLength : 16;
  const pickup = (meta.pickup ?? 0) % bar;
  const total = Math.max(frames.length, 1);
  const barStarts = [0];
  for (let b = pickup > 0 ? pickup : bar; b < total; b += bar) barStarts.push(b);
  const fermatas = fermataMarks(frames);

  const head = [
    'X:1',
    `T:${(meta.title ?? 'Chorale').replace(/[\r\n]+/g, ' ')}`,
    // Other comments (the source and license line of the corpus) travel as notes fields.
    ...meta.comments.filter((c) => !readMetaLine(c)).map((c) => `N:${c.replace(/^%\s?/, '')}`),
    `M:${meterText}`,
    'L:1/16',
    'Q:1/4=76',
    '%%score (S A) (T B)',
    ...VOICES.map((v) => `V:${v.id} clef=${v.clef} name="${v.name}"`),
    `K:${formatKey(key)}`,
  ];
  const voiceBars = VOICES.map((_, v) => {
    const speller = new AbcSpeller(key);
    const events = voiceEvents(frames, v, shift);
    return barStarts.map((start, b) => {
      speller.newBar();
      const end = barStarts[b + 1] ?? total;
      return renderBar(events, start, end, speller, fermatas[v]);
    });
  });
  const perLine = options.barsPerLine ?? 4;
  const body: string[] = [];
  for (let first = 0; first < barStarts.length; first += perLine) {
    const last = Math.min(first + perLine, barStarts.length);
    VOICES.forEach((voice, v) => {
      const bars = voiceBars[v].slice(first, last);
      const ending = last === barStarts.length ? ' |]' : ' |';
      body.push(`V:${voice.id}`, bars.join(' | ') + ending);
    });
  }
  return [...head, ...body].join('\n') + '\n';
}

/** Per voice, the frames whose note gets `!fermata!`: at the start of each run of fermata frames, the voices that
 * begin a note or rest there (a note held into the fermata keeps its earlier start, so marking it would move the
 * fermata back); all voices when none begins there. */
function fermataMarks(frames: Frame[]): Set<number>[] {
  const marks = [0, 1, 2, 3].map(() => new Set<number>());
  frames.forEach((frame, i) => {
    if (!frame.fermata || frames[i - 1]?.fermata) return;
    const begins = [0, 1, 2, 3].filter((v) => {
      const e = frame.voices[v];
      const before = frames[i - 1]?.voices[v];
      return (e?.kind === 'note' && !e.held) || (e !== undefined && e.kind !== 'note' && before?.kind !== e.kind);
    });
    for (const v of begins.length > 0 ? begins : [0, 1, 2, 3]) marks[v].add(i);
  });
  return marks;
}

/** A voice as notes and rests: a struck note begins an event, held frames extend it. */
function voiceEvents(frames: Frame[], v: number, shift: number): VoiceEvent[] {
  const out: VoiceEvent[] = [];
  if (frames.length === 0) return [{ kind: 'slot', pitch: 0, start: 0, length: 1 }];
  frames.forEach((frame, i) => {
    const e = frame.voices[v] ?? { kind: 'rest' };
    const last = out[out.length - 1];
    const pitch = e.kind === 'note' ? e.pitch - shift : 0;
    const continues =
      last !== undefined &&
      last.kind === e.kind &&
      (e.kind !== 'note' || (e.held && last.pitch === pitch));
    if (continues) last.length++;
    else out.push({ kind: e.kind, pitch, start: i, length: 1 });
  });
  return out;
}

function renderBar(events: VoiceEvent[], start: number, end: number, speller: AbcSpeller, fermatas: Set<number>): string {
  const parts: string[] = [];
  let beatGroup = '';
  for (const ev of events) {
    const from = Math.max(ev.start, start);
    const to = Math.min(ev.start + ev.length, end);
    if (from >= to) continue;
    let at = from;
    for (const len of writableLengths(to - from)) {
      let text = '';
      for (let f = at; f < at + len; f++) if (fermatas.has(f)) text = '!fermata!';
      if (ev.kind === 'note') text += speller.note(ev.pitch);
      else text += ev.kind === 'rest' ? 'z' : 'x';
      text += lengthSuffix(len);
      if (ev.kind === 'note' && at + len < ev.start + ev.length) text += '-';
      if (at % 4 === 0 && beatGroup) {
        parts.push(beatGroup);
        beatGroup = '';
      }
      beatGroup += text;
      at += len;
    }
  }
  if (beatGroup) parts.push(beatGroup);
  return parts.join(' ');
}
