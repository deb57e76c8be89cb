import type { CliCommand } from '../command';

// Placeholder until the owning issue lands; replaced, not extended.
export const harmonize: CliCommand = {
  summary: 'not yet available',
  async run() {
    process.stderr.write('bachbot harmonize: not yet available\n');
    return 2;
  },
};
