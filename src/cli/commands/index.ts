import type { CliCommand } from '../command';
import { bench } from './bench';
import { check } from './check';
import { complete } from './complete';
import { convert } from './convert';
import { corpus } from './corpus';
import { evaluate } from './eval';
import { harmonize } from './harmonize';
import { transpose } from './transpose';

export const commands: Record<string, CliCommand> = {
  check,
  convert,
  corpus,
  complete,
  harmonize,
  transpose,
  bench,
  eval: evaluate,
};
