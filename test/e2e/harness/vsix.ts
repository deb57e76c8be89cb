// The extension as a user gets it: the .vsix that `npm run package` writes to dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

function newestVsix(dir: string, notBefore: number): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).mtimeMs >= notBefore)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0];
}

/**
 * The .vsix under test: BACHBOT_E2E_VSIX when set (scripts/e2e/run.mjs packages once for all test files),
 * otherwise packaged now with `npm run package`.
 */
export function packagedVsix(): string {
  const given = process.env.BACHBOT_E2E_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`BACHBOT_E2E_VSIX=${given} does not exist`);
    return given;
  }
  const started = Date.now() - 1000;
  mkdirSync(join(repoRoot, 'dist'), { recursive: true }); // vsce --out dist/ writes a file named dist when the folder is missing
  const result = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) {
    throw new Error(`'npm run package' failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  const vsix = newestVsix(join(repoRoot, 'dist'), started);
  if (!vsix) throw new Error(`'npm run package' wrote no new .vsix under dist/:\n${result.stdout}`);
  process.env.BACHBOT_E2E_VSIX = vsix;
  return vsix;
}
