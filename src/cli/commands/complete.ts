import type { CliCommand } from '../command';

// Placeholder until the owning issue lands; replaced, not extended.
export const complete: CliCommand = {
  summary: 'not yet available',
  async run() {
    process.stderr.write('bachbot complete: not yet available\n');
    return 2;
  },
};
