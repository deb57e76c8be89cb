import type { CliCommand } from '../command';

// Placeholder until the owning issue lands; replaced, not extended.
export const evaluate: CliCommand = {
  summary: 'not yet available',
  async run() {
    process.stderr.write('bachbot eval: not yet available\n');
    return 2;
  },
};
