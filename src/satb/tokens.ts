import type { Frame, VoiceEntry } from './types';

export const START_TOKEN = 'START';
export const END_TOKEN = 'END';
export const FERMATA_TOKEN = '(.)';
export const FRAME_END_TOKEN = '|||';
export const REST_TOKEN = '(r)';
export const SLOT_TOKEN = '(?)';

const NOTE = /^\(\s*(-?\d+)\s*,\s*(True|False)\s*\)$/;

const cache = new Map<string, { entry: VoiceEntry; canonical: string } | null>();

/** Reads one voice token (`(60,False)`, `(60, True)`, `(r)`, `(?)`); undefined when it is not one.
 * Pitches outside 0–127 are returned as read; the parser reports them. */
export function parseVoiceToken(tok: string): VoiceEntry | undefined {
  return readVoice(tok)?.entry;
}

/** A voice token's entry (a fresh object) and its canonical spelling; memoized, as a piece repeats few tokens. */
export function readVoice(tok: string): { entry: VoiceEntry; canonical: string } | undefined {
  let known = cache.get(tok);
  if (known === undefined) {
    const entry = readVoiceToken(tok);
    known = entry ? { entry, canonical: voiceToken(entry) } : null;
    if (cache.size < 4096) cache.set(tok, known);
  }
  return known ? { entry: { ...known.entry }, canonical: known.canonical } : undefined;
}

function readVoiceToken(tok: string): VoiceEntry | undefined {
  if (tok === REST_TOKEN) return { kind: 'rest' };
  if (tok === SLOT_TOKEN) return { kind: 'slot' };
  const m = NOTE.exec(tok);
  if (!m) return undefined;
  return { kind: 'note', pitch: Number(m[1]), held: m[2] === 'True' };
}

/** The canonical spelling of a voice entry. */
export function voiceToken(v: VoiceEntry): string {
  switch (v.kind) {
    case 'rest':
      return REST_TOKEN;
    case 'slot':
      return SLOT_TOKEN;
    case 'note':
      return `(${v.pitch},${v.held ? 'True' : 'False'})`;
  }
}

/** `[(.)] S A T B |||` for one frame. */
export function frameTokens(frame: Frame): string[] {
  const out: string[] = [];
  if (frame.fermata) out.push(FERMATA_TOKEN);
  for (const v of frame.voices) out.push(voiceToken(v));
  out.push(FRAME_END_TOKEN);
  return out;
}
