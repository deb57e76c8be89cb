import type { CliCommand } from '../command';

// Placeholder until the owning issue lands; replaced, not extended.
export const check: CliCommand = {
  summary: 'not yet available',
  async run() {
    process.stderr.write('bachbot check: not yet available\n');
    return 2;
  },
};
