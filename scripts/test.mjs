// Runs every *.test.ts under src/ and test/ (end-to-end tests excepted) with node's own test runner.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'test'];
const skip = new Set(['node_modules', 'e2e']);

function find(dir, out) {
  if (statSync(dir).isFile()) return dir.endsWith('.test.ts') ? out.push(dir) : undefined;
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    find(join(dir, name), out);
  }
}

const files = [];
for (const r of roots) find(r, files);
files.sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
