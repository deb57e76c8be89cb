import * as path from 'node:path';

/** The engine worker run from its TypeScript source through tsx (the unit tests, and the CLI's bench from source). */
export function sourceEngineWorker(): { script: string; eval: true } {
  const entry = path.join(__dirname, 'worker-main.ts');
  return { script: `require('tsx/cjs'); require(${JSON.stringify(entry)});`, eval: true };
}
