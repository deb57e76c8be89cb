/** Durations of notes, rests and chords in a tune body: unit length, tuplets, broken rhythm, bars. */
import { Fraction } from '../music/fraction';
import { KeySignature, parseKey } from '../music/key';
import { defaultUnitLength, readMeter, readUnitLength } from './meter';
import type { RawDiagnostic } from './scan-body';
import type { AbcElement, AbcTune, Meter } from './types';

export type TimedElement = Extract<AbcElement, { kind: 'note' | 'rest' | 'chord' }>;

export interface TimedEvent {
  element: TimedElement;
  voice: string;
  /** Onset in whole notes from the start of the voice. */
  onset: Fraction;
  /** Sounding length in whole notes (tuplets and broken rhythm applied). */
  duration: Fraction;
  /** Index into `bars` of the bar holding the event. */
  bar: number;
  /** True inside a tuplet. */
  tuplet: boolean;
  /** Names of decorations written directly before the element (`H`, `fermata`). */
  decorations: string[];
  /** A `-` follows the element (tie into the next). */
  tiedToNext: boolean;
  meter: Meter;
  unitLength: Fraction;
  key: KeySignature;
}

export interface BarSpan {
  voice: string;
  /** Offsets from the first element after the opening bar line to the end of the closing one. */
  start: number;
  end: number;
  /** Sum of the bar's durations, whole notes. */
  duration: Fraction;
  meter: Meter;
  /** Opening and closing bar line texts ('' at the start/end of the tune). */
  opening: string;
  closing: string;
  /** The bar starts a section: first bar, after a double/repeat bar, or after a P:/M:/K: line. */
  sectionStart: boolean;
  /** The bar ends a section: closed by a double/repeat bar, last bar, or followed by a P:/M:/K: line. */
  sectionEnd: boolean;
  /** Whole measures of a multi-measure rest (Z4), when the bar holds one. */
  multiMeasure?: number;
  /** Voice's event count in this bar. */
  events: number;
}

export interface TimingResult {
  events: TimedEvent[];
  bars: BarSpan[];
  problems: RawDiagnostic[];
}

const BROKEN_LONG = [new Fraction(1), new Fraction(3, 2), new Fraction(7, 4), new Fraction(15, 8)];
const BROKEN_SHORT = [new Fraction(1), new Fraction(1, 2), new Fraction(1, 4), new Fraction(1, 8)];

interface VoiceState {
  meter: Meter;
  unitLength: Fraction;
  unitGiven: boolean;
  key: KeySignature;
  time: Fraction;
  bar?: BarSpan;
  barStartedSection: boolean;
  pendingSectionBreak: boolean;
  lastEvent?: TimedEvent;
  /** Multiplier for the next event from a preceding broken-rhythm mark. */
  brokenNext?: Fraction;
  tuplet?: { factor: Fraction; remaining: number };
  decorations: string[];
  lastOpening: string;
  /** Offset of the first written element of the bar being read (chord symbols and decorations included). */
  contentStart?: number;
  /** A layer of one bar (`&` without `(&`): timed, but its bar is not checked. */
  transient?: boolean;
  /** Events of the open bar, told their bar's index when it closes. */
  barEvents: TimedEvent[];
}

interface OverlayState {
  /** 0: the written voice itself; n: the n-th layer after it. */
  layer: number;
  /** Inside `(& ... &)`: the voice's time, and how much of its bar had passed, where the span began. */
  span?: { time: Fraction; barSoFar: Fraction };
}

/** A voice's state with every field present from the start: one object shape for all voices, which keeps property
 * access fast in tunes of thousands of voices. */
function newVoiceState(from: Pick<VoiceState, 'meter' | 'unitLength' | 'unitGiven' | 'key'>, time = Fraction.ZERO, barStartedSection = true): VoiceState {
  return {
    meter: from.meter, unitLength: from.unitLength, unitGiven: from.unitGiven, key: from.key, time, bar: undefined, barStartedSection,
    pendingSectionBreak: false, lastEvent: undefined, brokenNext: undefined, tuplet: undefined, decorations: [], lastOpening: '',
    contentStart: undefined, transient: false, barEvents: [],
  };
}

const SILENT = new Set(['space', 'newline', 'continuation', 'comment', 'bar']);

/** A bar line that ends a section: anything but a plain `|` or an invisible `]` (`||`, `|]`, `:|`, `|:`, `::`, `[|`). */
export function isSectionBar(text: string): boolean {
  return text !== '|' && text !== ']';
}

export function durationOf(el: TimedElement, unitLength: Fraction): Fraction {
  if (el.kind === 'chord') return (el.notes[0]?.length ?? Fraction.ONE).mul(el.length).mul(unitLength);
  if (el.kind === 'note') return el.note.length.mul(unitLength);
  return el.length.mul(unitLength);
}

export function analyzeTiming(tune: AbcTune): TimingResult {
  const events: TimedEvent[] = [];
  const bars: BarSpan[] = [];
  const problems: RawDiagnostic[] = [];
  const warn = (message: string, start: number, end: number, code: string) => problems.push({ severity: 'warning', message, start, end, code });
  const global = { meter: tune.meter, unitLength: tune.unitLength, unitGiven: tune.unitLengthGiven, key: tune.key };
  const voices = new Map<string, VoiceState>();
  const stateOf = (voice: string): VoiceState => {
    let s = voices.get(voice);
    if (!s) {
      s = newVoiceState(global);
      voices.set(voice, s);
    }
    return s;
  };
  const closeBar = (s: VoiceState, closing: string, end: number, sectionEnd: boolean) => {
    if (!s.bar) return;
    const events = s.barEvents;
    s.barEvents = [];
    if (s.transient) {
      s.bar = undefined;
      return;
    }
    s.bar.closing = closing;
    s.bar.end = end;
    s.bar.sectionEnd = sectionEnd;
    for (const ev of events) ev.bar = bars.length;
    bars.push(s.bar);
    s.bar = undefined;
  };

  /** Voice overlays per written voice: the layer being read and, inside `(& ... &)`, where the span began. */
  const overlays = new Map<string, OverlayState>();
  const layerKey = (voice: string): string => {
    const o = overlays.get(voice);
    return o && o.layer > 0 ? `${voice}&${o.layer}` : voice;
  };
  const startLayer = (voice: string, o: OverlayState, time: Fraction, barSoFar: Fraction, at: number) => {
    o.layer++;
    const main = stateOf(voice);
    const key = layerKey(voice);
    const layer = newVoiceState(main, time, false);
    if (barSoFar.num > 0) {
      layer.bar = { voice: key, start: at, end: at, duration: barSoFar, meter: main.meter, opening: '', closing: '', sectionStart: false, sectionEnd: false, events: 0 };
    }
    voices.set(key, layer);
  };

  for (let i = 0; i < tune.elements.length; i++) {
    const el = tune.elements[i];
    if (el.kind === 'overlay') {
      const main = stateOf(el.voice);
      let o = overlays.get(el.voice);
      if (el.form === '(&') {
        overlays.set(el.voice, { layer: 0, span: { time: main.time, barSoFar: main.bar?.duration ?? Fraction.ZERO } });
      } else if (el.form === '&)') {
        const layer = voices.get(layerKey(el.voice));
        if (o && o.layer > 0 && layer) closeBar(layer, '', el.start, false);
        overlays.delete(el.voice);
      } else {
        if (!o) overlays.set(el.voice, (o = { layer: 0 }));
        if (o.span) {
          const layer = voices.get(layerKey(el.voice));
          if (o.layer > 0 && layer) closeBar(layer, '', el.start, false);
          startLayer(el.voice, o, o.span.time, o.span.barSoFar, el.end);
        } else {
          // `&` inside a bar: another layer from the start of this bar; it ends at the bar line.
          const from = stateOf(layerKey(el.voice));
          const barSoFar = from.bar?.duration ?? Fraction.ZERO;
          startLayer(el.voice, o, from.time.sub(barSoFar), Fraction.ZERO, el.end);
          stateOf(layerKey(el.voice)).transient = true;
        }
      }
      continue;
    }
    if (el.kind === 'bar') {
      const o = overlays.get(el.voice);
      if (o && !o.span) {
        for (let n = 1; n <= o.layer; n++) voices.delete(`${el.voice}&${n}`);
        overlays.delete(el.voice);
      }
    }
    const voiceKey = layerKey(el.voice);
    const s = stateOf(voiceKey);
    if (s.contentStart === undefined && !SILENT.has(el.kind) && !(el.kind === 'field' && !el.inline)) s.contentStart = el.start;
    switch (el.kind) {
      case 'field': {
        const value = el.value.replace(/%.*$/, '');
        if (el.name === 'M') {
          const m = readMeter(value);
          if ('problem' in m) problems.push({ severity: 'error', message: m.problem, start: el.start, end: el.end, code: 'abc.meter' });
          else {
            s.meter = m;
            if (!s.unitGiven) s.unitLength = defaultUnitLength(m);
            if (!el.inline) Object.assign(global, { meter: m, unitLength: s.unitLength });
          }
        } else if (el.name === 'L') {
          const l = readUnitLength(value);
          if ('problem' in l) problems.push({ severity: 'error', message: l.problem, start: el.start, end: el.end, code: 'abc.unit-length' });
          else {
            s.unitLength = l;
            s.unitGiven = true;
            if (!el.inline) Object.assign(global, { unitLength: l, unitGiven: true });
          }
        } else if (el.name === 'K') {
          const k = parseKey(value);
          s.key = k.key;
          if (!el.inline) global.key = k.key;
          for (const p of k.problems) problems.push({ severity: 'error', message: p.message, start: el.start, end: el.end, code: 'abc.key' });
        }
        if ((!el.inline && /[PMKT]/.test(el.name)) || (el.inline && el.name === 'P')) {
          if (s.bar && s.bar.events > 0 && !el.inline && !continuedBefore(tune.elements, i)) {
            // A part label on its own line after music without a bar line closes the bar there.
            closeBar(s, '', s.bar.end, true);
            s.contentStart = undefined;
            s.barStartedSection = true;
            s.lastEvent = undefined;
          } else if (s.bar && s.bar.events > 0) s.pendingSectionBreak = true;
          else s.barStartedSection = true;
        }
        break;
      }
      case 'bar': {
        // A broken rhythm before a bar line shortens (or lengthens) the first note after it, as abcjs plays it.
        const section = isSectionBar(el.text) || s.pendingSectionBreak || nextIsSectionField(tune.elements, i);
        const empty = !s.bar || s.bar.events === 0;
        if (!empty) closeBar(s, el.text, el.end, section);
        s.bar = undefined;
        s.barStartedSection = section || (empty && s.barStartedSection);
        s.pendingSectionBreak = false;
        s.lastOpening = el.text;
        s.lastEvent = undefined;
        s.contentStart = undefined;
        break;
      }
      case 'decoration':
        s.decorations.push(el.name);
        break;
      case 'tuplet':
        s.tuplet = { factor: new Fraction(el.q, el.p), remaining: el.r };
        break;
      case 'broken': {
        const prev = s.lastEvent;
        if (!prev) {
          warn('broken rhythm (> or <) needs a note before it in the same bar', el.start, el.end, 'abc.broken');
          break;
        }
        const [first, second] = el.direction === '>' ? [BROKEN_LONG, BROKEN_SHORT] : [BROKEN_SHORT, BROKEN_LONG];
        const changed = prev.duration.mul(first[el.count]);
        const delta = changed.sub(prev.duration);
        prev.duration = changed;
        s.time = s.time.add(delta);
        if (s.bar) s.bar.duration = s.bar.duration.add(delta);
        s.brokenNext = second[el.count];
        break;
      }
      case 'tie':
        if (s.lastEvent) s.lastEvent.tiedToNext = true;
        break;
      case 'note':
      case 'rest':
      case 'chord': {
        if ((el.kind === 'note' || el.kind === 'chord') && el.grace) break;
        if (!s.bar) {
          s.bar = {
            voice: voiceKey, start: s.contentStart ?? el.start, end: el.end, duration: Fraction.ZERO, meter: s.meter, opening: s.lastOpening, closing: '',
            sectionStart: s.barStartedSection, sectionEnd: false, events: 0,
          };
        }
        let duration = durationOf(el, s.unitLength);
        let inTuplet = false;
        if (el.kind === 'rest' && el.multiMeasure !== undefined) {
          duration = s.meter.free ? duration : s.meter.barLength.mul(new Fraction(el.multiMeasure));
          s.bar.multiMeasure = el.multiMeasure;
        }
        if (s.tuplet) {
          duration = duration.mul(s.tuplet.factor);
          inTuplet = true;
          if (--s.tuplet.remaining <= 0) s.tuplet = undefined;
        }
        if (s.brokenNext) {
          duration = duration.mul(s.brokenNext);
          s.brokenNext = undefined;
        }
        const event: TimedEvent = {
          element: el, voice: voiceKey, onset: s.time, duration, bar: 0, tuplet: inTuplet,
          decorations: s.decorations, tiedToNext: el.kind === 'chord' && el.notes.some((n) => n.tie), meter: s.meter, unitLength: s.unitLength, key: s.key,
        };
        s.decorations = [];
        events.push(event);
        s.barEvents.push(event);
        s.lastEvent = event;
        s.time = s.time.add(duration);
        s.bar.duration = s.bar.duration.add(duration);
        s.bar.events++;
        s.bar.end = el.end;
        break;
      }
      default:
        break;
    }
  }
  for (const s of voices.values()) closeBar(s, '', s.bar?.end ?? 0, true);
  // Each voice's last bar ends a section (one pass: a tune may hold thousands of voices).
  const lastBar = new Map<string, BarSpan>();
  for (const b of bars) lastBar.set(b.voice, b);
  for (const [voice, last] of lastBar) if (voices.has(voice)) last.sectionEnd = true;
  return { events, bars, problems };
}

/** The music line before element i ended with a `\` continuation. */
function continuedBefore(elements: AbcElement[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const e = elements[j];
    if (e.kind === 'newline' || e.kind === 'space' || e.kind === 'comment' || e.kind === 'field') continue;
    return e.kind === 'continuation';
  }
  return false;
}

function nextIsSectionField(elements: AbcElement[], i: number): boolean {
  for (let j = i + 1; j < elements.length; j++) {
    const e = elements[j];
    if (e.kind === 'space' || e.kind === 'newline' || e.kind === 'comment' || e.kind === 'continuation') continue;
    return e.kind === 'field' && ((!e.inline && /[PMKT]/.test(e.name)) || e.name === 'P');
  }
  return false;
}
