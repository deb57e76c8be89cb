import type { Frame, VoiceEntry } from '../../src/satb';

/** Builds frames from rows such as "72 67 64 48", "72- 67- r 48-" (- holds), "? 60 52 48", "F 72 67 64 48" (fermata). */
export function frames(...rows: string[]): Frame[] {
  return rows.map((row) => {
    const parts = row.trim().split(/\s+/);
    const fermata = parts[0] === 'F';
    const voices = (fermata ? parts.slice(1) : parts).map((p): VoiceEntry => {
      if (p === 'r') return { kind: 'rest' };
      if (p === '?') return { kind: 'slot' };
      return { kind: 'note', pitch: Number(p.replace('-', '')), held: p.endsWith('-') };
    });
    return { fermata, voices };
  });
}
