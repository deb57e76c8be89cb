import { checkAbc } from '../abc/check';
import { abcToMidi } from '../abc/midi';
import { splitAbcTunes, tuneAt } from '../abc/tunes';
import { choraleToAbc } from '../satb/to-abc';
import type { Notation } from './types';

export const abcNotation: Notation = {
  language: 'abc',
  modelName: 'ABC',
  check: checkAbc,
  pieceAt: (text, offset) => tuneAt(splitAbcTunes(text), offset),
  lengthFor: (bars) => ({ maxBars: Math.max(0, bars - 1) }),
  harmonize: { withoutSelection: 'cursor', nothingHint: 'select the melody, or put the cursor in the voice to harmonize' },
  toMidi: abcToMidi,
  fromChorale: (chorale) => choraleToAbc(chorale),
};
