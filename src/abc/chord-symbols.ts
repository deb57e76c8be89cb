/**
 * ABC chord symbols ("G", "D7", "Em", "Bm7b5", "A7/C#", "D/f+") read as chord labels: a root pitch class, a quality
 * and an optional slash bass, in the tune's written key. Annotations ("^intro") and symbols that name no chord the
 * labels can hold ("N.C.", "Gsus4", "G5") read as no label.
 */
import { mod12, type ChordLabel, type ChordQuality } from '../music/chord-label';
import { LETTER_PC, type Letter } from '../music/key';

/** Root or bass: a letter and its accidentals (`#`, `b`, `♯`, `♭`, and the Nottingham collection's `+`/`-` after a bass). */
const NOTE = /^([A-Ga-g])(##|bb|#|b|♯|♭|\+|-)?/;

/**
 * Quality words after the root, longest first, each with the label quality it stands for. Added sixths, ninths
 * and elevenths keep the triad or seventh they extend; `d` and `a` are the Nottingham collection's dim and aug.
 */
const QUALITY_WORDS: [RegExp, ChordQuality][] = [
  [/^(m7b5|m7-5|min7b5|ø7?|-7b5)/, 'hdim7'],
  [/^(dim7|o7|°7|d7)/, 'dim7'],
  [/^(maj7|maj9|ma7|M7|M9|Δ7?|j7)/, 'maj7'],
  [/^(m7|min7|mi7|-7|m9|min9|m11)/, 'min7'],
  [/^(dim|o|°|d(?![a-z]))/, 'dim'],
  [/^(aug|\+|a(?![a-z]))/, 'aug'],
  [/^(m6|min6|mi6|min|mi|m(?!aj)|-)/, 'min'],
  [/^(7|9|11|13)/, 'dom7'],
  [/^(maj|ma|M|6|add9|add2|69)/, 'maj'],
];

/** The chord label of one chord symbol's text (quotes left out), or undefined when it names none. */
export function parseChordSymbol(text: string): ChordLabel | undefined {
  let s = text.trim();
  // "(G)": a chord for the second time through or an alternative; it still names the harmony there.
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  // "Em (A)": the chord played, then an alternative for it in parentheses.
  s = s.replace(/^(\S+)\s+\(\S+\)$/, '$1');
  // "D m": a space typed between the root and its quality.
  const typedRoot = NOTE.exec(s)?.[0];
  if (typedRoot) s = typedRoot + s.slice(typedRoot.length).trimStart();
  if (s === '' || /^[\^_<>@]/.test(s)) return undefined;
  const root = NOTE.exec(s);
  if (!root || root[1] !== root[1].toUpperCase() || root[2] === '+' || root[2] === '-') return undefined;
  let rest = s.slice(root[0].length);
  let quality: ChordQuality = 'maj';
  for (const [re, q] of QUALITY_WORDS) {
    const m = re.exec(rest);
    if (m) {
      quality = q;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  // A seventh after a triad word: "dim7" and "m7" are matched whole above; "aug7" and "Maj7"-like leftovers here.
  if (/^7/.test(rest)) {
    if (quality === 'maj') quality = 'dom7';
    rest = rest.slice(1);
  }
  rest = rest.replace(/^(\(?(b5|b9|#9|#11|b13|add9|add11|6|9|11|13)\)?)+/, '');
  let bass: number | undefined;
  if (rest.startsWith('/')) {
    const b = NOTE.exec(rest.slice(1));
    if (!b) return undefined;
    bass = pitchClass(b[1], b[2]);
    rest = rest.slice(1 + b[0].length);
  }
  if (rest.trim() !== '') return undefined;
  const label: ChordLabel = { root: pitchClass(root[1], root[2]), quality };
  if (bass !== undefined && bass !== label.root) label.bass = bass;
  return label;
}

function pitchClass(letter: string, accidental: string | undefined): number {
  const base = LETTER_PC[letter.toUpperCase() as Letter];
  const shift: Record<string, number> = { '#': 1, '♯': 1, '+': 1, '##': 2, b: -1, '♭': -1, '-': -1, bb: -2 };
  return mod12(base + (accidental ? shift[accidental] : 0));
}

/** The chord symbols (not annotations) of a quoted run like `"G""^intro"`, each unquoted. */
export function chordSymbolTexts(quoted: string): string[] {
  const out: string[] = [];
  for (const m of quoted.matchAll(/"([^"]*)"/g)) if (!/^[\^_<>@]/.test(m[1])) out.push(m[1]);
  return out;
}

export interface ChordSymbolAt {
  frame: number;
  /** Quoted source text, as AbcFramesResult.chordSymbols holds it. */
  text: string;
}

/**
 * The chord under each frame, moved by `semitones` (to the search's key): a symbol holds until the next one; a
 * symbol that names no chord leaves no label until the next that does. Frames before the first symbol have none.
 */
export function chordLabelsPerFrame(symbols: readonly ChordSymbolAt[], frameCount: number, semitones: number): (ChordLabel | undefined)[] {
  const out = new Array<ChordLabel | undefined>(frameCount).fill(undefined);
  const at = [...symbols].filter((s) => chordSymbolTexts(s.text).length > 0).sort((a, b) => a.frame - b.frame);
  at.forEach((s, i) => {
    const texts = chordSymbolTexts(s.text);
    const label = parseChordSymbol(texts[texts.length - 1]);
    const end = Math.min(frameCount, at[i + 1]?.frame ?? frameCount);
    if (!label) return;
    const moved: ChordLabel = { root: mod12(label.root + semitones), quality: label.quality };
    if (label.bass !== undefined) moved.bass = mod12(label.bass + semitones);
    for (let f = s.frame; f < end; f++) out[f] = moved;
  });
  return out;
}
