import { parseArgs } from 'node:util';
import { didYouMean } from '../config/closest-word.js';

/** A mistake in how a command was called: printed as it is, with where to read more. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

type Values<Spec extends OptionSpec> = { [Name in keyof Spec]?: Spec[Name]['type'] extends 'string' ? string : boolean };

export interface CommandArgs<Spec extends OptionSpec> {
  values: Values<Spec>;
  positionals: string[];
  /** `--help` or `-h` was given: print the command's help and do nothing else. */
  help: boolean;
}

/**
 * `node:util` parseArgs with its errors put in plain words: the option as typed, the closest
 * known option, and the command's `--help`. Node's own messages (about placing arguments after
 * `--`) are written for programmers of the parser, not for someone typing a command.
 */
export function parseCommandArgs<Spec extends OptionSpec>(command: string, args: string[], options: Spec, allowPositionals = false): CommandArgs<Spec> {
  const known = Object.keys(options).map((name) => `--${name}`);
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
    const { help, ...rest } = values as Record<string, unknown>;
    return { values: rest as Values<Spec>, positionals, help: help === true };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    // Node quotes the option as typed ('--limt', '-p'), or as declared ('-c, --config <value>').
    const typed = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1] ?? '';
    const option = longName(typed, options);
    switch (code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`${command}: unknown option ${option}${didYouMean(option, known, (word) => word)}`, command);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
        // "argument is ambiguous": the next word begins with a dash (--limit -3), so Node will not take it as the value.
        const next = args[args.indexOf(typed) + 1];
        if (/ambiguous/.test(message) && next !== undefined && !/^--?[a-z]/i.test(next)) {
          throw new UsageError(`${command}: ${option} needs a value; one that begins with a dash is written ${option}=${next}`, command);
        }
        if (/argument missing|ambiguous/.test(message)) throw new UsageError(`${command}: ${option} needs a value, as in ${option} VALUE`, command);
        throw new UsageError(`${command}: ${option} takes no value`, command);
      }
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
        const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
        throw new UsageError(`${command}: unexpected argument "${argument}"`, command);
      }
      default:
        throw error;
    }
  }
}

/** `--port` for `-p`: messages name an option the way its help does. */
function longName(typed: string, options: OptionSpec): string {
  if (typed.startsWith('--')) return typed;
  if (typed === '-h') return '--help';
  const name = Object.entries(options).find(([, option]) => option.short !== undefined && `-${option.short}` === typed)?.[0];
  return name === undefined ? typed : `--${name}`;
}

/** The value of a required option, or a UsageError that names it and shows an example. */
export function requireOption(command: string, name: string, value: string | undefined, example: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${command}: --${name} is required, as in --${name} ${example}`, command);
  return value;
}
