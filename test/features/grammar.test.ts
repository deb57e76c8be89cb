import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const grammar = (name: string) => JSON.parse(readFileSync(join(root, 'syntaxes', name), 'utf8'));

function regexes(node: unknown, out: string[] = []): string[] {
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') out.push(v);
      else regexes(v, out);
    }
  }
  return out;
}

/** Whole-text match of one repository rule (its `match`, or each of its patterns' `match`). */
function matches(g: { repository: Record<string, { match?: string; patterns?: { match?: string }[] }> }, rule: string, sample: string): boolean {
  const r = g.repository[rule];
  const all = r.match ? [r.match] : (r.patterns ?? []).map((p) => p.match).filter((m): m is string => !!m);
  return all.some((m) => new RegExp(`^(?:${m})$`).test(sample));
}

test('every grammar regex compiles', () => {
  for (const name of ['abc.tmLanguage.json', 'satb.tmLanguage.json']) {
    for (const re of regexes(grammar(name))) assert.doesNotThrow(() => new RegExp(re), `${name}: ${re}`);
  }
});

test('ABC grammar rules recognize notes, bar lines, chord symbols, decorations, fields and directives', () => {
  const g = grammar('abc.tmLanguage.json');
  for (const note of ['C', "^c'2", '_B,/', '=f3/2', '^^G,,4']) assert.ok(matches(g, 'note', note), note);
  for (const bar of ['|', '||', '|]', '[|', ':|', '|:', '::', ':|2', '|1', '[2']) assert.ok(matches(g, 'bar-line', bar), bar);
  assert.ok(matches(g, 'chord-symbol', '"Am7"'));
  assert.ok(matches(g, 'decoration', '!fermata!'));
  assert.ok(matches(g, 'rest', 'z3/2'));
  assert.ok(matches(g, 'inline-field', '[K:Ador]'));
  assert.ok(matches(g, 'directive', '%%score (S A) (T B)'));
  assert.ok(!matches(g, 'note', 'H'));
});

test('SATB grammar rules tell struck from held notes, and know rests, slots, fermatas and frame ends', () => {
  const g = grammar('satb.tmLanguage.json');
  assert.ok(matches(g, 'struck', '(60,False)') && !matches(g, 'struck', '(60,True)'));
  assert.ok(matches(g, 'held', '(60, True)'));
  assert.ok(matches(g, 'rest', '(r)'));
  assert.ok(matches(g, 'slot', '(?)'));
  assert.ok(matches(g, 'fermata', '(.)'));
  assert.ok(matches(g, 'frame-end', '|||'));
  assert.ok(matches(g, 'boundary', 'START') && matches(g, 'boundary', 'END'));
  assert.ok(matches(g, 'metadata', '% key: G major, transposed by +5 semitones to C major'));
});

test('the manifest points at grammars, snippets and language configurations that exist', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const paths = [
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
    ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration),
  ];
  for (const p of paths) assert.doesNotThrow(() => JSON.parse(readFileSync(join(root, p), 'utf8')), p);
});
