// `npm run test:e2e`: installs code-server (cached), packages the extension once, then runs the scenarios
// under test/e2e/ one file at a time with node's test runner. Arguments narrow the files (e.g. `preview`).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_LIMIT_MB, TARGETS, hostTarget, vsixPath } from '../package.mjs';

const root = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const targetArg = args.find((a) => a.startsWith('--target='))?.slice('--target='.length);
const filters = args.filter((a) => !a.startsWith('--target='));
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

function step(title, command, args, options = {}) {
  const started = Date.now();
  console.log(`e2e: ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  console.log(`e2e: ${title}: ${result.status === 0 ? 'done' : 'FAILED'} in ${seconds(started)} s`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const total = Date.now();
step('install code-server (cached in .cache/e2e)', 'bash', ['scripts/e2e/install-code-server.sh']);

// --target=universal (or BACHBOT_E2E_TARGET=universal) tests the package without native code (the engine on
// WebAssembly); default: this computer's own package.
const target = targetArg || process.env.BACHBOT_E2E_TARGET || hostTarget();
if (!TARGETS.includes(target)) {
  console.error(`e2e: BACHBOT_E2E_TARGET=${target} is not one of ${TARGETS.join(', ')}`);
  process.exit(1);
}
let vsix = process.env.BACHBOT_E2E_VSIX;
if (!vsix) {
  step(`package the extension for ${target} (npm run package -- ${target})`, 'npm', ['run', 'package', '--', target]);
  vsix = vsixPath(target);
}
// what users download; something stray in the package shows here first
const vsixMb = statSync(vsix).size / 2 ** 20;
if (vsixMb > PACKAGE_LIMIT_MB) {
  console.error(`e2e: ${vsix} is ${vsixMb.toFixed(1)} MB, over ${PACKAGE_LIMIT_MB} MB: see \`npx vsce ls\` for what .vscodeignore lets in`);
  process.exit(1);
}
console.log(`e2e: testing ${vsix} (${vsixMb.toFixed(1)} MB)`);

const testDir = join(root, 'test/e2e');
const files = readdirSync(testDir)
  .filter((n) => n.endsWith('.test.ts'))
  .filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)))
  .sort()
  .map((n) => join('test/e2e', n));
if (files.length === 0) {
  console.error(`e2e: no test files match ${filters.join(' ')}`);
  process.exit(1);
}
rmSync(join(root, 'test-results/e2e'), { recursive: true, force: true }); // screenshots of this run only
const started = Date.now();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, BACHBOT_E2E_VSIX: vsix, BACHBOT_E2E_TARGET: target } },
);
console.log(`e2e: scenarios ran in ${seconds(started)} s; all of test:e2e took ${seconds(total)} s; screenshots and logs in test-results/e2e/`);
process.exit(result.status ?? 1);
