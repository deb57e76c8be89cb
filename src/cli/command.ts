export interface CliCommand {
  summary: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Splits `--flag value` / `--flag=value` / bare flags from positional arguments. */
export function parseArgs(args: string[], booleanFlags: string[] = []): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (booleanFlags.includes(a.slice(2)) || i + 1 >= args.length) flags.set(a.slice(2), 'true');
    else flags.set(a.slice(2), args[++i]);
  }
  return { positional, flags };
}
