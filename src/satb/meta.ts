import { parseKeyMeta } from './key-meta';
import { parseSatbMeter } from './meter';
import type { SatbMeta } from './types';

export type MetaField = 'title' | 'key' | 'meter' | 'pickup';

const META_LINE = /^%\s*(title|key|meter|pickup)\s*:\s*(.*?)\s*$/i;

/** The field a `% name: value` comment sets, if it is one the reader understands. */
export function readMetaLine(comment: string): { field: MetaField; value: string } | undefined {
  const m = META_LINE.exec(comment);
  if (!m) return undefined;
  return { field: m[1].toLowerCase() as MetaField, value: m[2] };
}

/** The `% meter:` value a document states, read from its comment lines without parsing the frames. */
export function documentMeter(text: string): string | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith('%')) continue;
    const meta = readMetaLine(line.replace(/\r$/, ''));
    if (meta?.field === 'meter') return meta.value;
  }
  return undefined;
}

/** Applies one comment to the metadata; returns a problem to report, if the value cannot be read. */
export function applyMetaComment(meta: SatbMeta, comment: string): string | undefined {
  meta.comments.push(comment);
  const line = readMetaLine(comment);
  if (!line) return undefined;
  switch (line.field) {
    case 'title':
      meta.title = line.value;
      return undefined;
    case 'key':
      meta.key = line.value;
      return parseKeyMeta(line.value) ? undefined : `key '${line.value}' is not a key such as "G major, transposed by +5 semitones to C major"`;
    case 'meter':
      if (!parseSatbMeter(line.value)) return `meter '${line.value}' is not a fraction such as 4/4`;
      meta.meter = line.value;
      return undefined;
    case 'pickup':
      if (!/^\d+$/.test(line.value)) return `pickup '${line.value}' is not a whole number of sixteenths`;
      meta.pickup = Number(line.value);
      return undefined;
  }
}

/** The comment line that states a field's current value. */
export function metaLine(field: MetaField, meta: SatbMeta): string | undefined {
  const value = meta[field];
  return value === undefined ? undefined : `% ${field}: ${value}`;
}

export const META_FIELDS: MetaField[] = ['title', 'key', 'meter', 'pickup'];
