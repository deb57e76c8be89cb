import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { loadHarmonizer } from '../../src/model';
import { searchHarmonization, type SearchResult } from '../../src/model/harmonizer/search';
import { voiceToken } from '../../src/satb';
import { buildCases, caseFrames, caseOptions, type SearchCase } from './helpers/search-cases';

/**
 * The shipped harmonizer's search gives the same harmonizations as when the fixture was written: a guard for work
 * on the search's speed, which must not change what it chooses. The fixture holds each case's search input and
 * output. It was first written by the search of commit 24f73f3 (before the speed work), and written again by changes
 * meant to change harmonizations (the rules, the plan, going back from a dead end instead of searching the whole melody
 * again wider). The cases at beam 32 and the two with dead ends were first added from the search with its shortcuts
 * turned off (every candidate judged, no floors, one batch per layer), which gave the other cases' outputs too. Write it again with
 * `BACHBOT_WRITE_SEARCH_FIXTURE=1 npx tsx --test test/model/harmonizer-search-fixture.test.ts` only where a change is
 * meant to change the harmonizations (the model, the rules, the plan), and say so in the commit.
 */
const MODEL = resolve(__dirname, '..', '..', 'models', 'harmonizer');
const CORPORA = process.env.BACHBOT_CORPORA ?? resolve(__dirname, '..', '..', '..', 'shared', 'corpora');
const FIXTURE = join(__dirname, 'fixtures', 'harmonizer-search.json');

interface Expected {
  /** Alto, tenor and bass tokens of each frame. */
  frames: string[];
  logprob: number;
  violations: number;
}

interface Fixture {
  cases: (SearchCase & { results: Expected[] })[];
}

function summary(results: SearchResult[]): Expected[] {
  return results.map((r) => ({ frames: r.frames.map((f) => f.voices.slice(1).map(voiceToken).join(' ')), logprob: r.logprob, violations: r.violations }));
}

test('the harmonizer search chooses the fixture\'s frames for a chorale at beam 1, 8 and 32, reels, a jig and a modal tune', { skip: !existsSync(join(MODEL, 'config.json')) && 'no models/harmonizer' }, async () => {
  const model = await loadHarmonizer(MODEL);
  try {
    if (process.env.BACHBOT_WRITE_SEARCH_FIXTURE === '1') {
      const cases = [];
      for (const c of buildCases(CORPORA, model.config.vocab)) cases.push({ ...c, results: summary(await searchHarmonization(model, caseFrames(c), caseOptions(c))) });
      writeFileSync(FIXTURE, JSON.stringify({ cases } satisfies Fixture, null, 1) + '\n');
    }
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
    assert.equal(fixture.cases.length, 8);
    for (const c of fixture.cases) {
      const got = summary(await searchHarmonization(model, caseFrames(c), caseOptions(c)));
      assert.equal(got.length, c.results.length, c.name);
      got.forEach((g, i) => {
        assert.equal(g.frames.length, c.results[i].frames.length, `${c.name}, result ${i + 1}: frames`);
        const differs = g.frames.findIndex((f, k) => f !== c.results[i].frames[k]);
        assert.equal(differs, -1, `${c.name}, result ${i + 1}: frame ${differs + 1} is ${g.frames[differs]}, the fixture has ${c.results[i].frames[differs]}`);
        assert.equal(g.violations, c.results[i].violations, `${c.name}, result ${i + 1}: violations`);
        assert.ok(Math.abs(g.logprob - c.results[i].logprob) < 1e-6, `${c.name}, result ${i + 1}: logprob ${g.logprob} against ${c.results[i].logprob}`);
      });
    }
  } finally {
    await model.dispose();
  }
});
