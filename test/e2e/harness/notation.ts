// Checks on documents the scenarios saved: the project's own `bachbot check`, and bar lengths measured
// independently with abcjs (a second opinion, so a bug in the project's parser cannot hide a bad bar).
import abcjs from 'abcjs';
import { readFileSync } from 'node:fs';
import { checkFile } from '../../../src/cli/commands/check';
import type { NotationDiagnostic } from '../../../src/common/diagnostic';

/** Diagnostics of `bachbot check` for a file; throws when the file cannot be checked at all. */
export function checkDiagnostics(file: string): NotationDiagnostic[] {
  const result = checkFile(file);
  if (typeof result === 'string') throw new Error(result);
  return result;
}

export function describeDiagnostics(diagnostics: NotationDiagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.severity}: ${d.message}`).join('\n');
}

interface AbcjsElement {
  el_type: string;
  duration?: number;
  startChar: number;
  endChar: number;
  rest?: { type: string };
  startTriplet?: number;
  tripletMultiplier?: number;
  endTriplet?: boolean;
}

export interface MeasuredBar {
  /** Duration in whole notes. */
  length: number;
  /** Offsets in the text: from the first element to the bar line that closes it. */
  start: number;
  end: number;
}

export interface MeasuredTune {
  meter: number;
  bars: MeasuredBar[];
  /** Note elements (chords count once), rests excluded. */
  notes: { start: number; end: number }[];
}

/** Every voice of the first tune in `text` (in staff order), measured bar by bar with abcjs. */
export function measureAbcVoices(text: string): MeasuredTune[] {
  const tune = abcjs.parseOnly(text)[0];
  if (!tune) throw new Error('abcjs found no tune');
  const meterFraction = tune.getMeterFraction();
  const meter = meterFraction.num / (meterFraction.den ?? 1);
  const voices: { bars: MeasuredBar[]; notes: { start: number; end: number }[]; length: number; start: number; multiplier: number }[] = [];
  for (const line of tune.lines) {
    let index = 0;
    for (const staff of line.staff ?? []) {
      for (const elements of (staff.voices ?? []) as AbcjsElement[][]) {
        const voice = (voices[index++] ??= { bars: [], notes: [], length: 0, start: -1, multiplier: 1 });
        for (const el of elements) {
          if (el.el_type === 'bar') {
            if (voice.start >= 0) voice.bars.push({ length: voice.length, start: voice.start, end: el.endChar });
            voice.length = 0;
            voice.start = -1;
          } else if (el.el_type === 'note' && el.duration !== undefined) {
            if (el.startTriplet) voice.multiplier = el.tripletMultiplier ?? 1;
            if (voice.start < 0) voice.start = el.startChar;
            voice.length += el.duration * voice.multiplier;
            if (!el.rest) voice.notes.push({ start: el.startChar, end: el.endChar });
            if (el.endTriplet) voice.multiplier = 1;
          }
        }
      }
    }
  }
  return voices.map((v) => {
    if (v.start >= 0) v.bars.push({ length: v.length, start: v.start, end: text.length });
    return { meter, bars: v.bars, notes: v.notes };
  });
}

/** The first voice of the first tune in `text`, measured bar by bar with abcjs. */
export function measureAbc(text: string): MeasuredTune {
  return measureAbcVoices(text)[0];
}

/** Bars (besides a pickup and a last bar that completes it) whose length is not the meter's, described for an assertion message. */
export function wrongBars(text: string): string[] {
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  const problems: string[] = [];
  measureAbcVoices(text).forEach(({ meter, bars }, voice) => {
    const pickup = bars.length > 1 && bars[0].length < meter ? bars[0].length : 0;
    bars.forEach((bar, i) => {
      const isPickup = i === 0 && pickup > 0;
      const completesPickup = i === bars.length - 1 && pickup > 0 && same(bar.length, meter - pickup);
      if (!isPickup && !completesPickup && !same(bar.length, meter)) {
        const shown = text.slice(bar.start, bar.end);
        problems.push(`voice ${voice + 1}, bar ${i + 1} '${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}' lasts ${bar.length} whole notes, the meter needs ${meter}`);
      }
    });
  });
  return problems;
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

export interface FrameLine {
  /** 1-based line of the frame's end marker. */
  line: number;
  fermata: boolean;
  /** The voice entries as written, soprano first. */
  voices: string[];
}

/** The frames of a `.satb` text, read naively one token at a time (independent of the project's parser). */
export function satbFrames(text: string): FrameLine[] {
  const frames: FrameLine[] = [];
  let current: string[] = [];
  let fermata = false;
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/%.*/, '').replace(/\(\s*(\d+)\s*,\s*(True|False)\s*\)/g, '($1,$2)');
    for (const token of line.split(/\s+/).filter(Boolean)) {
      if (token === '|||') {
        frames.push({ line: i + 1, fermata, voices: current });
        current = [];
        fermata = false;
      } else if (token === '(.)') fermata = true;
      else if (token !== 'START' && token !== 'END') current.push(token);
    }
  });
  return frames;
}

/** Notes a score of the chorale shows: entries struck in their frame (held ones continue a note). */
export function struckNotes(text: string): number {
  return satbFrames(text).reduce((n, f) => n + f.voices.filter((v) => /^\(\d+,False\)$/.test(v)).length, 0);
}
