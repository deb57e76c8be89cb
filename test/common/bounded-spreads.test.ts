// Issue 13, row 8: a list spread into a call (`out.push(...tokens)`, `Math.max(...pitches)`) puts every element
// on the stack and throws "Maximum call stack size exceeded" past some 100,000 elements, with no position. Only
// lists whose length the code bounds may be spread into a call; the rest use src/common/arrays.ts or a loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../cli/run-cli';

/** Spreads into calls whose list has a bound, with the bound. */
const BOUNDED: Record<string, Record<string, string>> = {
  'src/abc/outline.ts': { '...voiceOf(h.value)': 'a pair', '...voiceOf(e.value)': 'a pair' },
  'src/features/command-manager.ts': { '...args': "a VS Code command's arguments" },
  'src/features/preview/preview-panel.ts': { '...segments': 'path segments written in the code' },
  'src/model/decoding/abc-grammar.ts': {
    '...this.bars': 'bar-line tokens of the vocabulary',
    '...this.spaces': 'space tokens of the vocabulary',
    '...this.chordSymbols': 'chord-symbol tokens of the vocabulary',
  },
  'webview/main.ts': { '...SURPRISAL_BUCKETS.map': 'the surprisal buckets' },
  'webview/score.ts': { '...SURPRISAL_CLASSES': 'the surprisal buckets' },
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** `file:line: text` for every spread argument of a call or `new` in the file. */
function callSpreads(path: string): { file: string; text: string; at: string }[] {
  const file = relative(REPO_ROOT, path).split('\\').join('/');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { file: string; text: string; at: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ file, text: node.getText().replace(/\s+/g, ' '), at: `${file}:${line}` });
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'apply') {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ file, text: node.getText(), at: `${file}:${line}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('no list of unbounded length is spread into a call in src/ or webview/', () => {
  const files = ['src', 'webview'].flatMap((dir) => sourceFiles(join(REPO_ROOT, dir)));
  assert.ok(files.length > 100);
  const spreads = files.flatMap(callSpreads);
  const unbounded = spreads.filter((s) => !Object.keys(BOUNDED[s.file] ?? {}).some((allowed) => s.text.startsWith(allowed)));
  assert.deepEqual(unbounded.map((s) => `${s.at}: ${s.text}`), []);
  // Each bound listed above is still in use (a stale entry would let a new spread through).
  for (const [file, allowed] of Object.entries(BOUNDED)) {
    for (const text of Object.keys(allowed)) assert.ok(spreads.some((s) => s.file === file && s.text.startsWith(text)), `${file}: ${text}`);
  }
});
