// Where the end-to-end harness finds its tools and puts its results.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const cacheDir = process.env.BACHBOT_E2E_CACHE ?? join(repoRoot, '.cache/e2e');
export const resultsDir = join(repoRoot, 'test-results/e2e');
export const chromiumPath = process.env.BACHBOT_E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface CodeServerInstall {
  node: string;
  codeServer: string;
  codeServerVersion: string;
}

/** The install that scripts/e2e/install-code-server.sh recorded, or a clear error saying how to make one. */
export function codeServerInstall(): CodeServerInstall {
  const file = join(cacheDir, 'paths.json');
  if (!existsSync(file)) {
    throw new Error(`code-server is not installed: run 'bash scripts/e2e/install-code-server.sh' (expected ${file})`);
  }
  const install = JSON.parse(readFileSync(file, 'utf8')) as CodeServerInstall;
  for (const p of [install.node, install.codeServer]) {
    if (!existsSync(p)) throw new Error(`${p} is missing: run 'bash scripts/e2e/install-code-server.sh' again`);
  }
  return install;
}
