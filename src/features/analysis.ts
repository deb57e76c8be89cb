/** The analysis worker as the extension's features share it: one worker thread, started on first use. */
import * as path from 'node:path';
import { AnalysisClient } from '../analysis/client';
import { sourceAnalysisWorker } from '../analysis/source-worker';

export function createAnalysisClient(log: (message: string) => void): AnalysisClient {
  // The bundle's out/analysis-worker.js beside out/extension.js; from source (tests run TypeScript), through tsx.
  const worker = __filename.endsWith('.ts') ? sourceAnalysisWorker() : { script: path.join(__dirname, 'analysis-worker.js') };
  return new AnalysisClient({ ...worker, log });
}
