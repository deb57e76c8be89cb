// `npm run package [TARGET...]`: one .vsix per native platform, each carrying only its own onnxruntime-node
// binaries, and a universal one with no native code (the engine on onnxruntime-web's WebAssembly), all in dist/.
// With no TARGET it writes every package; `npm run package -- universal linux-x64` writes just those.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = resolve(import.meta.dirname, '..');
const BIN = 'node_modules/onnxruntime-node/bin/napi-v6';

/**
 * What each native package carries of onnxruntime-node's bin/: the binding and the libraries it loads.
 * macOS: the binding links @rpath/libonnxruntime.1.dylib only (libonnxruntime.1.30.0.dylib is the same 44 MB again).
 * Windows: DirectML.dll for the dml provider; dxcompiler.dll and dxil.dll (WebGPU's shader compiler, 36 MB more)
 * stay out, or the package would pass 45 MB.
 */
export const NATIVE_TARGETS = {
  'linux-x64': { dir: 'linux/x64', files: ['onnxruntime_binding.node', 'libonnxruntime.so.1'] },
  'linux-arm64': { dir: 'linux/arm64', files: ['onnxruntime_binding.node', 'libonnxruntime.so.1'] },
  'darwin-arm64': { dir: 'darwin/arm64', files: ['onnxruntime_binding.node', 'libonnxruntime.1.dylib'] },
  'win32-x64': { dir: 'win32/x64', files: ['onnxruntime_binding.node', 'onnxruntime.dll', 'DirectML.dll'] },
  'win32-arm64': { dir: 'win32/arm64', files: ['onnxruntime_binding.node', 'onnxruntime.dll', 'DirectML.dll'] },
};
export const TARGETS = [...Object.keys(NATIVE_TARGETS), 'universal'];
export const PACKAGE_LIMIT_MB = 45;

/** The package files of onnxruntime-node's binaries a target carries (none for universal). */
export function nativeBinaries(target) {
  const native = NATIVE_TARGETS[target];
  return native ? native.files.map((f) => `${BIN}/${native.dir}/${f}`) : [];
}

/** The package a computer of this platform and architecture installs (universal where no native one fits). */
export function hostTarget(platform = process.platform, arch = process.arch) {
  const target = `${platform}-${arch}`;
  return target in NATIVE_TARGETS ? target : 'universal';
}

export function vsixPath(target, out = join(root, 'dist')) {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(out, `${name}-${target}-${version}.vsix`);
}

/**
 * .vscodeignore plus what this target lets in: its binaries, or for universal nothing of onnxruntime-node at all
 * (without it the engine says "this package carries no native onnxruntime" and runs on WebAssembly).
 */
export function ignoreRules(target) {
  const base = readFileSync(join(root, '.vscodeignore'), 'utf8');
  // vsce lets a file in when any `!` line matches it, wherever that line is: drop onnxruntime-node's, not outweigh them.
  if (target === 'universal') return base.split('\n').filter((l) => !l.startsWith('!node_modules/onnxruntime-node/')).join('\n');
  if (!(target in NATIVE_TARGETS)) throw new Error(`unknown target ${target}: one of ${TARGETS.join(', ')}`);
  return `${base}\n${nativeBinaries(target).map((f) => `!${f}`).join('\n')}\n`;
}

function vsce(args) {
  const result = spawnSync(join(root, 'node_modules/.bin/vsce'), args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vsce ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Writes the targets' packages into `out` (vsce builds the bundles first, vscode:prepublish); returns their paths. */
export function packageTargets(targets = TARGETS, out = join(root, 'dist')) {
  for (const t of targets) if (!TARGETS.includes(t)) throw new Error(`unknown target ${t}: one of ${TARGETS.join(', ')}`);
  mkdirSync(out, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'bachbot-package-'));
  try {
    return targets.map((target) => {
      const ignoreFile = join(scratch, `${target}.vscodeignore`);
      writeFileSync(ignoreFile, ignoreRules(target));
      const file = vsixPath(target, out);
      const platform = target === 'universal' ? [] : ['--target', target];
      vsce(['package', ...platform, '--ignoreFile', ignoreFile, '--githubBranch', 'main', '--out', file]);
      return file;
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? resolve(args[outAt + 1]) : undefined;
  const targets = args.filter((a, i) => i !== outAt && i !== outAt + 1);
  try {
    for (const file of packageTargets(targets.length ? targets : TARGETS, out)) {
      console.log(`package: ${file} (${(statSync(file).size / 2 ** 20).toFixed(1)} MB)`);
    }
  } catch (err) {
    console.error(`package: ${err.message}`);
    process.exit(1);
  }
}
