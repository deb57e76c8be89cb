import type { CliCommand } from '../command';

// Placeholder until the owning issue lands; replaced, not extended.
export const bench: CliCommand = {
  summary: 'not yet available',
  async run() {
    process.stderr.write('bachbot bench: not yet available\n');
    return 2;
  },
};
