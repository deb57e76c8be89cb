import type { CliCommand } from '../command';

// Placeholder until the owning issue lands; replaced, not extended.
export const convert: CliCommand = {
  summary: 'not yet available',
  async run() {
    process.stderr.write('bachbot convert: not yet available\n');
    return 2;
  },
};
