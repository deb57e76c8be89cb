import { LineIndex, type NotationDiagnostic } from '../common/diagnostic';
import { parseKeyMeta } from './key-meta';
import { parseSatb } from './parse';
import { analyzeVoiceLeading } from './voice-leading';

/** Parse errors and warnings, then voice-leading findings as warnings over the frames they concern (ranges judged
 * at the pitches sung in the original key that `% key:` records). */
export function checkSatb(text: string): NotationDiagnostic[] {
  const { chorale, diagnostics } = parseSatb(text);
  const out = [...diagnostics];
  const index = new LineIndex(text);
  const { frames } = chorale;
  const shift = parseKeyMeta(chorale.meta.key)?.shift ?? 0;
  for (const f of analyzeVoiceLeading(frames, { toSounding: -shift })) {
    const start = frames[f.startFrame].range?.start.offset ?? 0;
    const end = frames[f.endFrame].range?.end.offset ?? start;
    out.push({ severity: 'warning', code: f.code, message: f.message, range: index.rangeOf(start, end) });
  }
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
