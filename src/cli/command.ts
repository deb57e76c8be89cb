import { limitProblem, type Limit } from '../common/limits';
import { unknownProviderMessage, type ProviderRequest } from '../model/runtime/providers';

export interface CliCommand {
  summary: string;
  /** What `bachbot COMMAND --help` prints. */
  usage?: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** The flags a command takes; `booleans` stand alone (`--engine-only`), the others take a value. */
export interface FlagSpec {
  command: string;
  flags: readonly string[];
  booleans?: readonly string[];
}

/** Splits `--flag value` / `--flag=value` / bare flags from positional arguments; a flag the command does not take
 * is refused with the ones it does, so that a misspelt option never goes unnoticed. */
export function parseArgs(args: string[], spec: FlagSpec): { positional: string[]; flags: Map<string, string> } {
  const booleans = spec.booleans ?? [];
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!spec.flags.includes(name) && !booleans.includes(name)) throw new FlagError(unknownFlagMessage(spec, a.slice(0, eq > 0 ? eq : a.length)));
    if (eq > 0) flags.set(name, a.slice(eq + 1));
    else if (booleans.includes(name) || i + 1 >= args.length) flags.set(name, 'true');
    else flags.set(name, args[++i]);
  }
  return { positional, flags };
}

function unknownFlagMessage(spec: FlagSpec, flag: string): string {
  const known = [...spec.flags, ...(spec.booleans ?? [])].map((f) => `--${f}`);
  return `unknown flag ${flag} for ${spec.command} (${known.length > 0 ? `its flags: ${known.join(', ')}` : 'it takes no flags'})`;
}

/** A flag the user got wrong: main prints the message after `bachbot: ` and exits with 2. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** `--name`'s number, `fallback` when absent; refused with the range when it is not a number within `limit`. */
export function numberFlag<T extends number | undefined>(flags: Map<string, string>, name: string, limit: Limit, fallback: T): number | T {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = DECIMAL.test(raw.trim()) ? Number(raw) : Number.NaN;
  const problem = limitProblem(limit, value);
  if (problem) throw new FlagError(`--${name} (${limit.what}) ${problem}; got '${raw}'`);
  return value;
}

/** A comma-separated list of numbers, each within `limit` (`--beams 1,8,32`). */
export function numberListFlag(flags: Map<string, string>, name: string, limit: Limit, fallback: readonly number[]): number[] {
  const raw = flags.get(name);
  if (raw === undefined) return [...fallback];
  return raw.split(',').map((part) => numberFlag(new Map([[name, part]]), name, limit, 0));
}

/** --provider, `cpu` when absent; an unknown name is refused with the known ones. */
export function providerFlag(flags: Map<string, string>): ProviderRequest {
  const raw = flags.get('provider') ?? 'cpu';
  const refused = unknownProviderMessage(raw);
  if (refused) throw new FlagError(`--provider: ${refused}`);
  return raw as ProviderRequest;
}
