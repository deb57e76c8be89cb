import { existsSync } from 'node:fs';
import { complete as completeAt, loadModel } from '../../model';
import { LIMITS } from '../../common/limits';
import { PROVIDER_REQUESTS } from '../../model/runtime/providers';
import { numberFlag, parseArgs, providerFlag, type CliCommand } from '../command';
import { defaultModelDir } from '../../model/model-dir';
import { PROCESS_IO, readNotationFile, type CliIo } from '../notation-file';

const USAGE = `usage: bachbot complete FILE --at LINE:COL [--n N] [--bars N] [--frames N] [--temperature T] [--seed S] [--model DIR] [--provider ${PROVIDER_REQUESTS.join('|')}]`;

export const complete: CliCommand = {
  summary: 'print completions at a position (JSON lines: {"text", "logprob"}); LINE and COL count from 1',
  usage: USAGE,
  run: (args) => runComplete(args, PROCESS_IO),
};

/** The command with its output going to `io` (tests collect it). */
export async function runComplete(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(args, { command: 'complete', flags: ['at', 'bars', 'frames', 'model', 'n', 'provider', 'seed', 'temperature'] });
  const provider = providerFlag(flags);
  const options = {
    n: numberFlag(flags, 'n', LIMITS.suggestions, 3),
    maxBars: numberFlag(flags, 'bars', LIMITS.continueBars, undefined),
    maxFrames: numberFlag(flags, 'frames', LIMITS.continueFrames, undefined),
    temperature: numberFlag(flags, 'temperature', LIMITS.temperature, undefined),
    seed: numberFlag(flags, 'seed', LIMITS.seed, undefined),
  };
  const file = positional[0];
  const at = /^(\d+):(\d+)$/.exec(flags.get('at') ?? '');
  if (!file || !at) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const input = readNotationFile('complete', file, io);
  if (!input) return 2;
  const { text, language: type } = input;
  const line = Number(at[1]) - 1;
  const column = Number(at[2]) - 1;
  const lines = text.split('\n');
  if (line < 0 || line >= lines.length || column < 0 || column > lines[line].replace(/\r$/, '').length) {
    io.err(`bachbot complete: ${file}:${at[1]}:${at[2]}: no such position (the file has ${lines.length} lines)\n`);
    return 2;
  }
  const dir = flags.get('model') ?? defaultModelDir(type);
  if (!flags.has('model') && !existsSync(dir)) {
    io.err(`bachbot complete: no ${type} model at ${dir} (pass --model DIR, or export one with train/)\n`);
    return 2;
  }
  const model = await loadModel(dir, { expectedType: type, provider });
  try {
    const suggestions = await completeAt(model, text, { line, column }, options);
    for (const s of suggestions) io.out(`${JSON.stringify({ text: s.text, logprob: Number(s.logprob.toFixed(4)) })}\n`);
  } finally {
    await model.dispose();
  }
  return 0;
}
