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

/** The first voice of the first tune in `text`, measured bar by bar with abcjs. */
export function measureAbc(text: string): MeasuredTune {
  const tune = abcjs.parseOnly(text)[0];
  if (!tune) throw new Error('abcjs found no tune');
  const meterFraction = tune.getMeterFraction();
  const meter = meterFraction.num / meterFraction.den;
  const bars: MeasuredBar[] = [];
  const notes: { start: number; end: number }[] = [];
  let length = 0;
  let start = -1;
  let multiplier = 1;
  for (const line of tune.lines) {
    const staff = line.staff?.[0];
    for (const el of (staff?.voices?.[0] ?? []) as AbcjsElement[]) {
      if (el.el_type === 'bar') {
        if (start >= 0) bars.push({ length, start, end: el.endChar });
        length = 0;
        start = -1;
      } else if (el.el_type === 'note' && el.duration !== undefined) {
        if (el.startTriplet) multiplier = el.tripletMultiplier ?? 1;
        if (start < 0) start = el.startChar;
        length += el.duration * multiplier;
        if (!el.rest) notes.push({ start: el.startChar, end: el.endChar });
        if (el.endTriplet) multiplier = 1;
      }
    }
  }
  if (start >= 0) bars.push({ length, start, end: text.length });
  return { meter, bars, notes };
}

/** Bars (besides a pickup and a last bar that completes it) whose length is not the meter's, described for an assertion message. */
export function wrongBars(text: string): string[] {
  const { meter, bars } = measureAbc(text);
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  const pickup = bars.length > 1 && bars[0].length < meter ? bars[0].length : 0;
  const problems: string[] = [];
  bars.forEach((bar, i) => {
    const isPickup = i === 0 && pickup > 0;
    const completesPickup = i === bars.length - 1 && pickup > 0 && same(bar.length, meter - pickup);
    if (!isPickup && !completesPickup && !same(bar.length, meter)) {
      problems.push(`bar ${i + 1} '${text.slice(bar.start, bar.end)}' lasts ${bar.length} whole notes, the meter needs ${meter}`);
    }
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
