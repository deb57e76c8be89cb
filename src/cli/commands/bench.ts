import { benchEngine, benchHarmonizer } from '../bench-engine';
import { benchHost } from '../bench-host';
import { benchWorker } from '../bench-worker';
import { LIMITS } from '../../common/limits';
import { numberFlag, parseArgs, providerFlag, type CliCommand } from '../command';

type TokenizerBench = { benchTokenizers?: () => Promise<void> };

/** The SATB engineer's tokenizer benchmark, when src/cli/bench-tokenizers.ts exists (bundled if it does). */
function tokenizerBench(): TokenizerBench | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../bench-tokenizers') as TokenizerBench;
  } catch {
    return undefined;
  }
}

const USAGE = 'usage: bachbot bench [--engine-only | --harmonizer-only | --host-only] [--requests N] [--cold-requests N] [--provider P] [--satb-model DIR] [--abc-model DIR]';

export const bench: CliCommand = {
  usage: USAGE,
  summary: 'print performance figures as JSON lines (tokenizers, decoding, completion latency, harmonization, the extension host per edit; --host-only for the last, --harmonizer-only for Harmonize Selection\'s engine)',
  async run(args) {
    const { flags } = parseArgs(args, { command: 'bench', flags: ['abc-model', 'cold-requests', 'provider', 'requests', 'satb-model'], booleans: ['engine-only', 'harmonizer-only', 'host-only'] });
    const options = {
      requests: numberFlag(flags, 'requests', LIMITS.benchRequests, 200),
      coldRequests: numberFlag(flags, 'cold-requests', LIMITS.benchRequests, undefined),
      provider: providerFlag(flags),
      modelDirs: { satb: flags.get('satb-model'), abc: flags.get('abc-model') },
    };
    if (flags.has('harmonizer-only')) {
      await benchHarmonizer();
      return 0;
    }
    if (flags.has('host-only')) {
      await benchHost();
      return 0;
    }
    if (!flags.has('engine-only')) await tokenizerBench()?.benchTokenizers?.();
    await benchEngine(options);
    if (!flags.has('engine-only')) await benchWorker();
    if (!flags.has('engine-only')) await benchHost();
    return 0;
  },
};
