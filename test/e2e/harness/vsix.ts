// The extension as a user gets it: the .vsix that `npm run package` writes to dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostTarget, vsixPath } from '../../../scripts/package.mjs';
import { repoRoot } from './paths';

/**
 * The .vsix under test: BACHBOT_E2E_VSIX when set (scripts/e2e/run.mjs packages once for all test files),
 * otherwise this computer's package (or BACHBOT_E2E_TARGET's) written now with `npm run package -- TARGET`.
 */
export function packagedVsix(): string {
  const given = process.env.BACHBOT_E2E_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`BACHBOT_E2E_VSIX=${given} does not exist`);
    return given;
  }
  const target = process.env.BACHBOT_E2E_TARGET || hostTarget();
  const result = spawnSync('npm', ['run', 'package', '--', target], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) {
    throw new Error(`'npm run package -- ${target}' failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  const vsix = vsixPath(target);
  process.env.BACHBOT_E2E_VSIX = vsix;
  return vsix;
}
