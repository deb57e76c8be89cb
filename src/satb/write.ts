import { META_FIELDS, metaLine, readMetaLine, type MetaField } from './meta';
import { END_TOKEN, START_TOKEN, frameTokens } from './tokens';
import type { Chorale, SatbMeta } from './types';

/** Canonical text: metadata and other comments, START, one frame per line, END, and a final newline. */
export function writeSatb(chorale: Chorale): string {
  const lines = [...commentLines(chorale.meta), START_TOKEN];
  for (const frame of chorale.frames) lines.push(frameTokens(frame).join(' '));
  lines.push(END_TOKEN);
  return lines.join('\n') + '\n';
}

/** The `%` lines of a piece: comments that state a field are rewritten from `meta`, fields with no comment yet
 * come first, other comments stay as they are. */
export function commentLines(meta: SatbMeta): string[] {
  const stated = new Set<MetaField>();
  const comments: string[] = [];
  for (const c of meta.comments) {
    const field = readMetaLine(c)?.field;
    if (!field) {
      comments.push(c);
      continue;
    }
    if (stated.has(field)) continue;
    stated.add(field);
    const line = metaLine(field, meta);
    if (line !== undefined) comments.push(line);
  }
  const missing = META_FIELDS.filter((f) => !stated.has(f))
    .map((f) => metaLine(f, meta))
    .filter((l): l is string => l !== undefined);
  return [...missing, ...comments];
}
