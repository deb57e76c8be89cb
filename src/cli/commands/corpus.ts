import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { formatDiagnostic } from '../../common/diagnostic';
import { abcModelTokens } from '../../abc/model-tokens';
import { chordLabelId } from '../../music/chord-label';
import { choraleModelTokens, parseKeyMeta, parseSatb, type Chorale } from '../../satb';
import { analysisBeatFrames, analyzeChords, barFrames } from '../../satb/harmony-analysis';
import { isMinorish } from '../../music';
import { DEFAULT_SPECIALS } from '../../model/config';
import type { NotationLanguage } from '../../notation';
import { parseArgs, type CliCommand } from '../command';
import { decodeNotationBytes } from '../notation-file';
import { notationFilesIn, type NotationFile } from '../notation-files';

interface Piece {
  name: string;
  tokens: string[];
  /** Chorales only: what the harmonizer model reads beside the frames (see harmonyOf). */
  harmony?: PieceHarmony;
}

interface PieceHarmony {
  barLength: number;
  pickup: number;
  minor: boolean;
  /** One chord label id per frame (src/music/chord-label.ts), from the analysis of each beat's sonority. */
  chords: number[];
}

const USAGE = 'usage: bachbot corpus DIR|FILE... --out OUTDIR';

export const corpus: CliCommand = {
  summary: 'tokenize .satb or .abc files into OUTDIR/vocab.json and OUTDIR/pieces.jsonl for training',
  usage: USAGE,
  async run(args) {
    const { positional, flags } = parseArgs(args, { command: 'corpus', flags: ['out'] });
    const out = flags.get('out');
    if (!out || out === 'true' || positional.length === 0) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const { files, missing } = notationFilesIn(positional);
    if (missing.length > 0 || files.length === 0) {
      process.stderr.write(`bachbot corpus: ${missing.length > 0 ? `cannot read '${missing[0]}'` : `no .satb or .abc files in ${positional.join(', ')}`}\n`);
      return 2;
    }
    const type = corpusType(files);
    if (typeof type !== 'string') {
      process.stderr.write(`bachbot corpus: ${type.problem}\n`);
      return 2;
    }
    const { pieces, skipped } = type === 'satb' ? await satbPieces(files) : await abcPieces(files);
    if (pieces.length === 0) {
      process.stderr.write('bachbot corpus: no usable pieces\n');
      return 1;
    }
    const summary = writeCorpus(out, type, pieces);
    process.stdout.write(
      `${JSON.stringify({ type, pieces: pieces.length, skipped, tokens: summary.tokens, vocabulary: summary.vocabulary, out })}\n`,
    );
    return 0;
  },
};

function corpusType(files: NotationFile[]): NotationLanguage | { problem: string } {
  const exts = new Set(files.map((f) => extname(f.path).toLowerCase()));
  if (exts.size === 1 && exts.has('.satb')) return 'satb';
  if (exts.size === 1 && exts.has('.abc')) return 'abc';
  return { problem: `all pieces of a corpus must be of one type (.satb or .abc); found ${[...exts].join(', ')}` };
}

async function satbPieces(files: NotationFile[]): Promise<{ pieces: Piece[]; skipped: number }> {
  const pieces: Piece[] = [];
  let skipped = 0;
  for (const { path: file, name } of files) {
    const { chorale, diagnostics } = parseSatb(decodeNotationBytes(readFileSync(file), 'satb').text);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || chorale.frames.some((f) => f.voices.some((v) => v.kind === 'slot'))) {
      for (const d of errors) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
      process.stderr.write(`bachbot corpus: skipped ${file}\n`);
      skipped++;
      continue;
    }
    pieces.push({ name, tokens: choraleModelTokens(chorale), harmony: harmonyOf(chorale) });
  }
  return { pieces, skipped };
}

async function abcPieces(files: NotationFile[]): Promise<{ pieces: Piece[]; skipped: number }> {
  const pieces: Piece[] = [];
  let skipped = 0;
  for (const { path: file, name: fileName } of files) {
    abcModelTokens(decodeNotationBytes(readFileSync(file), 'abc').text).forEach((tune, i) => {
      const name = `${fileName}#${i + 1}`;
      const errors = tune.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        for (const d of errors) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
        process.stderr.write(`bachbot corpus: skipped ${name}\n`);
        skipped++;
        return;
      }
      pieces.push({ name, tokens: tune.tokens });
    });
  }
  return { pieces, skipped };
}

function harmonyOf(chorale: Chorale): PieceHarmony {
  const pickup = chorale.meta.pickup ?? 0;
  const key = parseKeyMeta(chorale.meta.key);
  return {
    barLength: barFrames(chorale.meta.meter),
    pickup,
    minor: key ? isMinorish(key.original.mode) : false,
    chords: analyzeChords(chorale.frames, analysisBeatFrames(chorale.meta.meter), pickup).map(chordLabelId),
  };
}

function writeCorpus(outDir: string, type: NotationLanguage, pieces: Piece[]): { tokens: number; vocabulary: number } {
  const names = new Set<string>();
  for (const p of pieces) {
    if (names.has(p.name)) throw new Error(`two pieces are named '${p.name}'; corpus names must be unique`);
    names.add(p.name);
  }
  pieces.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const specials = DEFAULT_SPECIALS[type];
  const others = new Set<string>();
  for (const p of pieces) for (const t of p.tokens) if (t !== specials.start && t !== specials.end) others.add(t);
  const vocab = [specials.start, specials.end, ...[...others].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))];
  const ids = new Map(vocab.map((t, i) => [t, i]));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'vocab.json'), `${JSON.stringify({ type, vocab, specials }, null, 1)}\n`);
  const lines = pieces.map((p) => JSON.stringify({ name: p.name, ids: p.tokens.map((t) => ids.get(t)) }));
  writeFileSync(join(outDir, 'pieces.jsonl'), `${lines.join('\n')}\n`);
  const harmony = pieces.filter((p) => p.harmony).map((p) => JSON.stringify({ name: p.name, ...p.harmony }));
  if (harmony.length > 0) writeFileSync(join(outDir, 'harmony.jsonl'), `${harmony.join('\n')}\n`);
  return { tokens: pieces.reduce((n, p) => n + p.tokens.length, 0), vocabulary: vocab.length };
}
