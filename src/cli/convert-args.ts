import { didYouMean } from '../config/closest-word.js';
import { parseCommandArgs, UsageError, type OptionSpec } from './command-args.js';
import { convertDialects, type ConvertDialect } from './help-texts.js';

/** `convert`'s options, checked before the dialects are loaded. */
export interface ConvertOptions {
  from: ConvertDialect;
  to: ConvertDialect;
  model?: string;
  /** The body's file; standard input when undefined. */
  file?: string;
}

/** What `convert` takes; its help (help-texts.ts) describes each. */
export const convertOptions = { from: { type: 'string' }, to: { type: 'string' }, model: { type: 'string' } } as const satisfies OptionSpec;

/** `interlingua convert --from D --to D [--model M] [FILE]` read into `ConvertOptions`, or a UsageError. */
export function parseConvertArgs(args: string[]): ConvertOptions {
  const { values, positionals } = parseCommandArgs('convert', args, convertOptions, true);
  if (positionals.length > 1) throw new UsageError(`convert: one FILE at most, not ${positionals.length}`, 'convert');
  return {
    from: dialect('--from', values.from),
    to: dialect('--to', values.to),
    ...(values.model !== undefined ? { model: values.model } : {}),
    ...(positionals[0] !== undefined ? { file: positionals[0] } : {}),
  };
}

function dialect(flag: string, value: string | undefined): ConvertDialect {
  if (value === undefined) throw new UsageError(`convert: ${flag} is required: one of ${convertDialects.join(', ')}`, 'convert');
  const known = convertDialects.find((name) => name === value);
  if (known === undefined) throw new UsageError(`convert: ${flag} must be one of ${convertDialects.join(', ')}, not "${value}"${didYouMean(value, convertDialects)}`, 'convert');
  return known;
}
