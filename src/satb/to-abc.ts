import { abcScoreHeader, abcVoiceLines, SATB_VOICES, type AbcVoicesContext } from '../abc/frames-to-abc';
import { parseMeter } from '../abc/meter';
import { Fraction } from '../music/fraction';
import { C_MAJOR } from '../music';
import { parseKeyMeta } from './key-meta';
import { readMetaLine } from './meta';
import type { Chorale, Frame } from './types';

const FOUR_FOUR = parseMeter('4/4')!;
const SIXTEENTH = new Fraction(1, 16);

/** The chorale as ABC: S and A on a treble staff, T and B on a bass staff, one sixteenth per frame, spelled in the
 * original key recorded in `% key:` (pitches moved back by the recorded shift), four bars a line with the voices
 * of each line together. Slots become invisible rests. */
export function choraleToAbc(chorale: Chorale): string {
  const { meta } = chorale;
  // An empty chorale still gets a voice each: one invisible sixteenth.
  const frames: Frame[] = chorale.frames.length > 0 ? chorale.frames : [{ voices: [0, 1, 2, 3].map(() => ({ kind: 'slot' as const })), fermata: false }];
  const keyMeta = parseKeyMeta(meta.key);
  const key = keyMeta?.original ?? C_MAJOR;
  const written = parseMeter(meta.meter ?? '');
  const meter = written && !written.free ? written : FOUR_FOUR;
  const bar = Math.max(1, Math.round(meter.barLength.toNumber() * 16));
  const ctx: AbcVoicesContext = {
    key,
    semitones: keyMeta?.shift ?? 0,
    meter,
    unitLength: SIXTEENTH,
    pickup: (meta.pickup ?? 0) % bar,
    fermataFrames: fermataMarks(frames),
    fermata: '!fermata!',
    spacedBarLines: true,
  };
  const head = abcScoreHeader({
    ...ctx,
    title: (meta.title ?? 'Chorale').replace(/[\r\n]+/g, ' '),
    // Other comments (the source and license line of the corpus) travel as notes fields.
    notes: meta.comments.filter((c) => !readMetaLine(c)).map((c) => c.replace(/^%\s?/, '')),
    tempo: '1/4=76',
    voiceNames: true,
  });
  const voices = SATB_VOICES.map((_, v) => abcVoiceLines(frames, v, ctx));
  const body = voices[0].flatMap((_, line) => SATB_VOICES.flatMap((voice, v) => [`V:${voice.id}`, voices[v][line]]));
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
