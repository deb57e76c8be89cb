import * as path from 'node:path';

/** The engine run from its TypeScript source through tsx (the unit tests, and the CLI's bench from source). */
export function sourceEngineWorker(): { script: string; execArgv: string[] } {
  return { script: path.join(__dirname, 'worker-main.ts'), execArgv: ['--import', 'tsx'] };
}
