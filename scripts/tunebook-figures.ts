// `npx tsx scripts/tunebook-figures.ts FILE.abc...`: how BachBot reads whole tunebooks, tune by tune, against abcjs.
// Tunes; errors in tunes abcjs reads without a warning (should be 0); every bar-length warning (to judge by hand);
// tunes that come back exactly after transposing +2 and -2; tunes whose every note abcjs plays 2 semitones higher.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import abcjs from 'abcjs';
import { decodeAbc } from '../src/abc/charset';
import { checkAbc } from '../src/abc/check';
import { parseAbc } from '../src/abc/parse';
import { transposeAbc } from '../src/abc/transpose';

type Playable = abcjs.TuneObject & { warnings?: string[]; setUpAudio(o: object): { tracks: { cmd: string; pitch: number; start: number; startChar?: number }[][] } };

/** Start time and MIDI pitch of every written note as abcjs plays the tune, in order. */
function sounded(tuneText: string): string[] {
  const [tune] = abcjs.parseOnly(tuneText) as Playable[];
  const out: { at: string; pitch: number }[] = [];
  tune.setUpAudio({}).tracks.forEach((track, k) => {
    for (const ev of track) if (ev.cmd === 'note' && ev.startChar !== undefined) out.push({ at: `${k}@${ev.start.toFixed(6)}`, pitch: ev.pitch });
  });
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.pitch - b.pitch)).map((n) => `${n.at}:${n.pitch}`);
}

function figures(file: string): void {
  const text = decodeAbc(readFileSync(file)).text;
  const { tunes } = parseAbc(text);
  const tuneAt = (offset: number) => tunes.findIndex((t) => offset >= t.start && offset <= t.end);
  const abcjsWarned = tunes.map((t) => ((abcjs.parseOnly(text.slice(t.start, t.end))[0] as Playable | undefined)?.warnings ?? []).length > 0);
  const diagnostics = checkAbc(text);
  const cleanErrors = diagnostics.filter((d) => d.severity === 'error' && !abcjsWarned[tuneAt(d.range.start.offset)]);
  const barWarnings = diagnostics.filter((d) => d.code === 'abc.bar-length');

  const up = transposeAbc(text, 2);
  const upTunes = parseAbc(up).tunes;
  let roundTrips = 0;
  let soundsUp = 0;
  const notUp: string[] = [];
  tunes.forEach((tune, k) => {
    const original = text.slice(tune.start, tune.end);
    const moved = upTunes[k] ? up.slice(upTunes[k].start, upTunes[k].end) : '';
    if (transposeAbc(moved, -2) === original) roundTrips++;
    const was = sounded(original).map((n) => n.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 2}`));
    if (JSON.stringify(sounded(moved)) === JSON.stringify(was)) soundsUp++;
    else notUp.push(`X:${tune.reference} ${tune.title ?? ''}`);
  });

  const where = (offset: number, line: number) => `line ${line + 1}, X:${tunes[tuneAt(offset)]?.reference} ${tunes[tuneAt(offset)]?.title ?? ''}`;
  console.log(`${basename(file)}`);
  console.log(`  tunes: ${tunes.length} (abcjs warns on ${abcjsWarned.filter(Boolean).length})`);
  console.log(`  errors in tunes abcjs reads without a warning: ${cleanErrors.length}`);
  for (const d of cleanErrors) console.log(`    ${where(d.range.start.offset, d.range.start.line)}: ${d.message}`);
  console.log(`  bar-length warnings: ${barWarnings.length}`);
  for (const d of barWarnings) console.log(`    ${where(d.range.start.offset, d.range.start.line)}: ${d.message}`);
  console.log(`  +2 then -2 gives the tune back exactly: ${roundTrips}/${tunes.length}; the whole file: ${transposeAbc(up, -2) === text ? 'yes' : 'no'}`);
  console.log(`  +2 sounds every note 2 semitones higher in abcjs: ${soundsUp}/${tunes.length}`);
  for (const t of notUp) console.log(`    not: ${t}`);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx scripts/tunebook-figures.ts FILE.abc...');
  process.exit(2);
}
for (const f of files) figures(f);
