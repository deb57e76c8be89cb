/**
 * The token ids a model reads for a document, each with the source span it came from (if any), so that
 * surprisal can be drawn on the text. Stops at the first token the model cannot read (a slot `(?)`, a token
 * outside its vocabulary) and says where.
 */
import { bodyTokenSpans, headerTokens, parseAbc, TUNE_END, TUNE_START } from '../../abc';
import { frameTokens, parseSatb, type SatbToken } from '../../satb';
import type { NotationLanguage } from '../../notation/types';

export interface TokenVocabulary {
  id(token: string): number | undefined;
}

export interface ScoredSpan {
  start: number;
  end: number;
  token: string;
}

export interface ScoringTarget {
  /** Pieces scored separately (an ABC file holds several tunes); each begins with its start token. */
  pieces: { ids: number[]; spans: (ScoredSpan | undefined)[] }[];
  /** Why scoring stopped early, if it did. */
  stoppedAt?: { offset: number; reason: string };
}

/** Which model tokens get a decoration: notes, rests and chords (ABC); voices (SATB). */
const ABC_MUSIC_TOKEN = /^(\(\d|[=^_]*[A-Ga-g]|[zZxX]|\[[^\]:]*\])/;

export function scoringTarget(language: NotationLanguage, text: string, vocab: TokenVocabulary): ScoringTarget {
  return language === 'satb' ? satbTarget(text, vocab) : abcTarget(text, vocab);
}

function satbTarget(text: string, vocab: TokenVocabulary): ScoringTarget {
  const { chorale, tokens } = parseSatb(text);
  const ids: number[] = [];
  const spans: (ScoredSpan | undefined)[] = [];
  const push = (token: string, span?: ScoredSpan): boolean => {
    const id = vocab.id(token);
    if (id === undefined) return false;
    ids.push(id);
    spans.push(span);
    return true;
  };
  const start = tokens.find((t) => t.kind === 'start');
  if (!start || !push('START')) return { pieces: [], stoppedAt: { offset: 0, reason: 'no START' } };
  // Each frame's own tokens, gathered in one pass over the text's tokens.
  const ownTokens: SatbToken[][] = chorale.frames.map(() => []);
  for (const t of tokens) {
    if (t.frameIndex !== undefined && (t.kind === 'voice' || t.kind === 'fermata' || t.kind === 'frame-end')) ownTokens[t.frameIndex]?.push(t);
  }
  for (let f = 0; f < chorale.frames.length; f++) {
    const frame = chorale.frames[f];
    const own = ownTokens[f];
    const canonical = frameTokens(frame);
    const exact = own.length === canonical.length && own.every((t, i) => t.text === canonical[i]);
    for (let i = 0; i < canonical.length; i++) {
      const source = exact ? own[i] : undefined;
      const span = source && source.kind === 'voice' ? { start: source.range.start.offset, end: source.range.end.offset, token: canonical[i] } : undefined;
      if (!push(canonical[i], span)) {
        const offset = frame.range?.start.offset ?? 0;
        const reason = canonical[i] === '(?)' ? `frame ${f + 1} has a slot (?): harmonize it first` : `${canonical[i]} (frame ${f + 1}) is not in the model's vocabulary`;
        return { pieces: [{ ids, spans }], stoppedAt: { offset, reason } };
      }
    }
  }
  if (tokens.some((t) => t.kind === 'end')) push('END');
  return { pieces: [{ ids, spans }] };
}

function abcTarget(text: string, vocab: TokenVocabulary): ScoringTarget {
  const target: ScoringTarget = { pieces: [] };
  const stop = (offset: number, reason: string) => (target.stoppedAt ??= { offset, reason });
  for (const tune of parseAbc(text).tunes) {
    const header = [TUNE_START, ...headerTokens(tune)];
    const missingHeader = header.find((t) => vocab.id(t) === undefined);
    if (missingHeader) {
      stop(tune.start, `${missingHeader} is not in the model's vocabulary`);
      continue;
    }
    const ids = header.map((t) => vocab.id(t)!);
    const spans: (ScoredSpan | undefined)[] = header.map(() => undefined);
    let complete = true;
    for (const s of bodyTokenSpans(tune, text)) {
      const id = vocab.id(s.text);
      if (id === undefined) {
        // The model cannot read on past a token it does not know; the next tune starts afresh.
        stop(s.start, `${JSON.stringify(s.text)} is not in the model's vocabulary`);
        complete = false;
        break;
      }
      ids.push(id);
      spans.push(ABC_MUSIC_TOKEN.test(s.text) ? { start: s.start, end: s.end, token: s.text } : undefined);
    }
    const end = vocab.id(TUNE_END);
    if (complete && end !== undefined) ids.push(end), spans.push(undefined);
    target.pieces.push({ ids, spans });
  }
  return target;
}

export interface SpanSurprisal extends ScoredSpan {
  nats: number;
}

/** Pairs each decorated span with the surprisal of its token (`scores[p][i]` for token i of piece p). */
export function spanSurprisals(target: ScoringTarget, scores: readonly (readonly number[])[]): SpanSurprisal[] {
  const out: SpanSurprisal[] = [];
  target.pieces.forEach((piece, p) => {
    piece.spans.forEach((span, i) => {
      const nats = scores[p]?.[i];
      if (span && nats !== undefined && i > 0) out.push({ ...span, nats });
    });
  });
  return out;
}
