import { LIMITS } from '../common/limits';
import { checkSatb } from '../satb/check';
import { documentMeter } from '../satb/meta';
import { framesForBars } from '../satb/meter';
import { choraleToMidi } from '../satb/midi';
import { parseSatb } from '../satb/parse';
import { writeSatb } from '../satb/write';
import { NotationError, type Notation } from './types';

export const satbNotation: Notation = {
  language: 'satb',
  modelName: 'chorale',
  check: checkSatb,
  pieceAt: (text) => ({ start: 0, end: text.length }),
  // A long meter (`% meter: 99/4`) asks for fewer bars rather than more frames than the engine writes.
  lengthFor: (bars, text) => ({ maxFrames: Math.min(LIMITS.continueFrames.max, framesForBars(bars, documentMeter(text))) }),
  harmonize: { withoutSelection: 'document', nothingHint: 'write (?) for the voices to fill, or frames with the soprano only' },
  toMidi(text) {
    const { chorale, diagnostics } = parseSatb(text);
    const error = diagnostics.find((d) => d.severity === 'error');
    if (error) throw new NotationError(`line ${error.range.start.line + 1}, column ${error.range.start.column + 1}: ${error.message}`);
    if (chorale.frames.length === 0) throw new NotationError('the chorale has no frames');
    return choraleToMidi(chorale);
  },
  fromChorale: (chorale) => writeSatb(chorale),
};
