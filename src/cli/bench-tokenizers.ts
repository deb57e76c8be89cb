import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { abcModelTokens } from '../abc/model-tokens';
import { choraleModelTokens, parseSatb } from '../satb';

/** The shared corpora: an explicit path, else $BACHBOT_CORPORA, else ../shared/corpora beside the repository root. */
export function resolveCorporaDir(explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (process.env.BACHBOT_CORPORA) return resolve(process.env.BACHBOT_CORPORA);
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, '..', 'shared', 'corpora');
}

function readAll(dir: string, ext: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(ext))
    .sort()
    .map((n) => readFileSync(join(dir, n), 'utf8'));
}

/** Runs `tokenize` over all texts repeatedly for at least `minSeconds`; megabytes (UTF-8) per second. */
function measure(texts: string[], tokenize: (text: string) => number, minSeconds = 1): { mbPerS: number; mbPerCpuS: number; bytes: number; tokens: number } {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  let tokens = 0;
  for (const t of texts) tokens += tokenize(t); // warm-up, and the token count
  let rounds = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let seconds = 0;
  do {
    for (const t of texts) tokenize(t);
    rounds++;
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  } while (seconds < minSeconds || rounds < 2);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { mbPerS: (bytes * rounds) / seconds / 1e6, mbPerCpuS: (bytes * rounds) / cpuSeconds / 1e6, bytes, tokens };
}

function machine(): string {
  return `${hostname()} ${cpus()[0]?.model ?? 'unknown cpu'}`.trim();
}

/** Prints one JSON line per corpus: tokenizer throughput (parse + model tokens) in MB/s of wall time, and per
 * second of this process's CPU time (steadier on a shared machine). */
export async function benchTokenizers(options: { corpora?: string; minSeconds?: number } = {}): Promise<void> {
  const corpora = resolveCorporaDir(options.corpora);
  const satbDir = join(corpora, 'bach-chorales');
  const abcDir = join(corpora, 'nottingham');
  const benches: { name: string; dir: string; ext: string; tokenize: (t: string) => number }[] = [
    { name: 'tokenize-satb', dir: satbDir, ext: '.satb', tokenize: (t) => choraleModelTokens(parseSatb(t).chorale).length },
    { name: 'tokenize-abc', dir: abcDir, ext: '.abc', tokenize: (t) => abcModelTokens(t).reduce((n, p) => n + p.tokens.length, 0) },
  ];
  for (const b of benches) {
    if (!existsSync(b.dir)) {
      process.stdout.write(`${JSON.stringify({ bench: b.name, skipped: `no corpus at ${b.dir}` })}\n`);
      continue;
    }
    const r = measure(readAll(b.dir, b.ext), b.tokenize, options.minSeconds);
    process.stdout.write(
      `${JSON.stringify({ bench: b.name, mb_per_s: Number(r.mbPerS.toFixed(2)), mb_per_cpu_s: Number(r.mbPerCpuS.toFixed(2)), bytes: r.bytes, tokens: r.tokens, machine: machine() })}\n`,
    );
  }
}
