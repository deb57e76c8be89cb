import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

/** The shared corpora: $BACHBOT_CORPORA, else ../shared/corpora beside the repository root. */
export function corporaDir(): string {
  const dir = process.env.BACHBOT_CORPORA ?? resolve(REPO_ROOT, '../shared/corpora');
  if (!existsSync(dir)) throw new Error(`corpora not found at ${dir}; set BACHBOT_CORPORA`);
  return dir;
}

export function chorale(name: string): string {
  return readFileSync(join(corporaDir(), 'bach-chorales', name), 'utf8');
}

export function choraleNames(): string[] {
  return readdirSync(join(corporaDir(), 'bach-chorales'))
    .filter((n) => n.endsWith('.satb'))
    .sort();
}

export function nottingham(file: string): string {
  return readFileSync(join(corporaDir(), 'nottingham', file), 'utf8');
}

/** Written notes of an ABC tune body, found independently of abcjs: offset of each note's letter. */
export function abcNoteLetters(tune: string): number[] {
  const offsets: number[] = [];
  let inChord = false;
  let chordCounted = false;
  const lines = tune.split('\n');
  let base = 0;
  for (const line of lines) {
    const isHeader = /^[A-Za-z+]:/.test(line) || line.startsWith('%');
    if (!isHeader) {
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '%') break;
        if (c === '"' || c === '!' || c === '+') {
          const close = line.indexOf(c, i + 1);
          i = close < 0 ? line.length : close;
          continue;
        }
        if (c === '{') {
          const close = line.indexOf('}', i + 1); // grace notes belong to the next note
          i = close < 0 ? line.length : close;
          continue;
        }
        if (c === '[' && /^[A-Za-z]:/.test(line.slice(i + 1, i + 3))) {
          const close = line.indexOf(']', i + 1); // inline field
          i = close < 0 ? line.length : close;
          continue;
        }
        if (c === '[' && /[\^=_A-Ga-g]/.test(line[i + 1] ?? '')) {
          inChord = true;
          chordCounted = false;
          continue;
        }
        if (c === ']' && inChord) {
          inChord = false;
          continue;
        }
        if (/[A-Ga-g]/.test(c)) {
          if (inChord && chordCounted) continue;
          chordCounted = true;
          offsets.push(base + i);
        }
      }
    }
    base += line.length + 1;
  }
  return offsets;
}
