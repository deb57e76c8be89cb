import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { abcModelTokens } from '../abc/model-tokens';
import { isValidationPiece } from '../model/split';
import type { NotationLanguage } from '../notation/types';
import { choraleModelTokens, parseSatb, type Chorale } from '../satb';

/** A corpus is of one notation. */
export type CorpusKind = NotationLanguage;

/** A piece as `bachbot corpus` names and tokenizes it. */
export interface CorpusPiece {
  name: string;
  tokens: string[];
  /** .satb pieces: the parsed chorale (harmonization figures compare against its voices). */
  chorale?: Chorale;
  /** .abc pieces: the tune's source text. */
  text?: string;
}

export const CORPUS_FOLDERS: Record<CorpusKind, string> = { satb: 'bach-chorales', abc: 'nottingham' };

/**
 * Every usable piece of a corpus folder, sorted by name, with the same names and the same rules for leaving a piece
 * out (parse errors; slots) as `bachbot corpus`, so that index % 10 == 9 picks the pieces train/ held out.
 */
export function corpusPieces(dir: string, kind: CorpusKind): CorpusPiece[] {
  const ext = kind === 'satb' ? '.satb' : '.abc';
  const files = readdirSync(dir).filter((n) => n.endsWith(ext)).sort();
  const pieces: CorpusPiece[] = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    if (kind === 'satb') {
      const { chorale, diagnostics } = parseSatb(text);
      if (diagnostics.some((d) => d.severity === 'error')) continue;
      if (chorale.frames.some((f) => f.voices.some((v) => v.kind === 'slot'))) continue;
      pieces.push({ name: file, tokens: choraleModelTokens(chorale), chorale });
    } else {
      const tuneTexts = splitTunes(text);
      abcModelTokens(text).forEach((tune, i) => {
        if (tune.diagnostics.some((d) => d.severity === 'error')) return;
        pieces.push({ name: `${file}#${i + 1}`, tokens: tune.tokens, text: tuneTexts[i] });
      });
    }
  }
  return pieces.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function validationPieces(pieces: CorpusPiece[]): CorpusPiece[] {
  return pieces.filter((_, i) => isValidationPiece(i));
}

/** The text of each tune of a file (from its X: line to the next), in order. */
export function splitTunes(text: string): string[] {
  const starts: number[] = [];
  const re = /^X:/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index);
  return starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
}

/** Token ids in a model's vocabulary; a token the model does not know is an error naming the piece. */
export function toIds(piece: CorpusPiece, idOf: (token: string) => number | undefined): number[] {
  return piece.tokens.map((t, i) => {
    const id = idOf(t);
    if (id === undefined) throw new Error(`${piece.name}: token ${i} '${t}' is not in the model's vocabulary (tokenizer and model disagree)`);
    return id;
  });
}
