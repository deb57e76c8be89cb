import { existsSync } from 'node:fs';
import { harmonizeAlternatives, loadModelFolder } from '../../model';
import { PROVIDER_REQUESTS } from '../../model/runtime/providers';
import { LIMITS } from '../../common/limits';
import { numberFlag, parseArgs, providerFlag, type CliCommand } from '../command';
import { defaultModelDir } from '../../model/model-dir';
import { PROCESS_IO, readNotationFile, type CliIo } from '../notation-file';

const USAGE = `usage: bachbot harmonize FILE [--beam W] [--alternatives N] [--model DIR] [--provider ${PROVIDER_REQUESTS.join('|')}]`;

export const harmonize: CliCommand = {
  summary: 'fill (?) slots / add alto, tenor and bass to a melody; prints the whole document (alternatives best first)',
  usage: USAGE,
  run: (args) => runHarmonize(args, PROCESS_IO),
};

/** The command with its output going to `io` (tests collect it). */
export async function runHarmonize(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(args, { command: 'harmonize', flags: ['model', 'beam', 'alternatives', 'provider'] });
  const provider = providerFlag(flags);
  const beamWidth = numberFlag(flags, 'beam', LIMITS.beamWidth, 8);
  const alternatives = numberFlag(flags, 'alternatives', LIMITS.alternatives, 1);
  const file = positional[0];
  if (!file) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const input = readNotationFile('harmonize', file, io);
  if (!input) return 2;
  const { text, language } = input;
  // Both languages are harmonized by the harmonizer (an ABC melody goes through frames); --model may name a chorale
  // (satb) model instead, which harmonizes left to right.
  const dir = flags.get('model') ?? defaultModelDir('harmonizer');
  if (!flags.has('model') && !existsSync(dir)) {
    io.err(`bachbot harmonize: no harmonizer at ${dir} (pass --model DIR, or export one with train/)\n`);
    return 2;
  }
  const model = await loadModelFolder(dir, { provider });
  if (model.type === 'abc') {
    await model.dispose();
    io.err(`bachbot harmonize: ${dir} holds an ABC model; harmonizing needs the harmonizer or a chorale (satb) model\n`);
    return 2;
  }
  try {
    const results = await harmonizeAlternatives(model, text, language, undefined, { beamWidth, alternatives });
    results.forEach((r, i) => {
      if (results.length > 1) io.out(`% alternative ${i + 1}, log-probability ${r.logprob.toFixed(2)}\n`);
      io.out(r.text.endsWith('\n') ? r.text : `${r.text}\n`);
    });
  } finally {
    await model.dispose();
  }
  return 0;
}
