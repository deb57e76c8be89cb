// Every package `npm run package` writes, read back as users download it: its size, the native binaries it
// carries (exactly its own platform's, none in the universal one) and the WebAssembly engine every package has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { PACKAGE_LIMIT_MB, TARGETS, nativeBinaries, packageTargets, root } from '../../scripts/package.mjs';

interface Entry { name: string; method: number; compressed: number; offset: number }

/** The zip's central directory: each entry's name, and where its data lies. */
function zipEntries(zip: Buffer): Entry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

function entryText(zip: Buffer, entry: Entry): string {
  const data = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
  const raw = zip.subarray(data, data + entry.compressed);
  return (entry.method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const walkthroughImages: string[] = manifest.contributes.walkthroughs.flatMap((w: { steps: { media: { image: string } }[] }) =>
  w.steps.map((s) => s.media.image),
);

const NATIVE = /\.(node|dll|dylib|so(\.\d+)*)$/;

test('each package carries exactly its own onnxruntime binaries and the wasm engine, under 45 MB', { timeout: 600_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'bachbot-packages-'));
  try {
    const files = packageTargets(TARGETS, out);
    assert.equal(files.length, TARGETS.length);
    TARGETS.forEach((target, i) => {
      const file = files[i];
      const mb = statSync(file).size / 2 ** 20;
      assert.ok(mb <= PACKAGE_LIMIT_MB, `${target}: ${mb.toFixed(1)} MB, over ${PACKAGE_LIMIT_MB} MB`);
      const zip = readFileSync(file);
      const entries = zipEntries(zip);
      const names = entries.map((e) => e.name);
      const binaries = names.filter((n) => NATIVE.test(n)).sort();
      assert.deepEqual(binaries, nativeBinaries(target).map((f) => `extension/${f}`).sort(), `${target}: native binaries`);
      if (target === 'universal') {
        assert.deepEqual(names.filter((n) => n.includes('/onnxruntime-node/')), [], 'universal: onnxruntime-node left out');
      }
      for (const needed of [
        'extension/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm',
        'extension/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.mjs',
        'extension/out/engine-worker.js',
        'extension/out/analysis-worker.js',
        'extension/models/satb/model.onnx',
        'extension/media/icon.png',
        'extension/changelog.md', // vsce's name for CHANGELOG.md
        'extension/examples/melody.abc', // the walkthrough's Open Example Tune
        ...walkthroughImages.map((image) => `extension/${image}`),
      ]) {
        assert.ok(names.includes(needed), `${target}: ${needed} missing`);
      }
      const manifest = entryText(zip, entries.find((e) => e.name === 'extension.vsixmanifest')!);
      const platform = /TargetPlatform="([^"]+)"/.exec(manifest)?.[1];
      assert.equal(platform, target === 'universal' ? undefined : target, `${target}: TargetPlatform in the manifest`);
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
