import * as path from 'node:path';

/** The analysis worker run from its TypeScript source through tsx (unit tests, the CLI's bench from source). */
export function sourceAnalysisWorker(): { script: string; execArgv: string[] } {
  return { script: path.join(__dirname, 'worker-main.ts'), execArgv: ['--require', 'tsx/cjs'] };
}
