import { UsageError } from './command-args.js';
import { didYouMean } from '../config/closest-word.js';
import { commandNames, helpTexts, overview, type CommandName } from './help-texts.js';
import { packageVersion } from './version.js';

type RunnableCommand = Exclude<CommandName, 'help'>;

/** What may come before a command. */
const globalOptions = ['--help', '--version'];

/**
 * Each command reads its arguments with light modules first, so that a mistake is said at once;
 * the module that does the work is loaded only then: `serve` loads the whole gateway (seconds),
 * `convert` every dialect, `keys` and `usage` the store's database drivers. `--help` and
 * `--version` load none of them (test/cli/fast-start.test.ts).
 */
const runners: Record<RunnableCommand, (args: string[]) => Promise<number>> = {
  serve: async (args) => {
    const options = (await import('./serve-args.js')).parseServeArgs(args);
    return (await import('./serve.js')).runServe(options);
  },
  convert: async (args) => {
    const options = (await import('./convert-args.js')).parseConvertArgs(args);
    return (await import('./convert.js')).runConvert(options);
  },
  keys: async (args) => {
    const command = (await import('./keys-args.js')).parseKeysArgs(args);
    return (await import('./keys.js')).manageKeys(command);
  },
  usage: async (args) => {
    const options = (await import('./usage-args.js')).parseUsageArgs(args);
    return (await import('./usage.js')).showUsage(options);
  },
};

/** Entry point of the `interlingua` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      process.stdout.write(overview);
      return 1;
    }
    if (command === 'help' || command === '--help' || command === '-h') return help(rest[0]);
    if (command === '--version' || command === '-v' || command === 'version') {
      process.stdout.write(`interlingua ${packageVersion()}\n`);
      return 0;
    }
    if (command.startsWith('-')) {
      process.stderr.write(`interlingua: unknown option ${command}${didYouMean(command, globalOptions, (word) => word)}\n\n${overview}`);
      return 1;
    }
    if (!isRunnable(command)) {
      process.stderr.write(`interlingua: unknown command "${command}"${didYouMean(command, commandNames)}\n\n${overview}`);
      return 1;
    }
    if (asksForHelp(rest)) {
      process.stdout.write(helpTexts[command]);
      return 0;
    }
    return await runners[command](rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`interlingua ${error.message}\nRun "interlingua ${error.command.split(' ')[0]} --help" for its options.\n`);
      return 1;
    }
    process.stderr.write(`interlingua: ${(error as Error).message}\n`);
    return 1;
  }
}

/** `--help` or `-h` among a command's options (before a `--`), or `help` as its first word. */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  return options.some((arg) => arg === '--help' || arg === '-h') || args[0] === 'help';
}

function help(topic: string | undefined): number {
  if (topic === undefined) {
    process.stdout.write(overview);
    return 0;
  }
  if (isRunnable(topic)) {
    process.stdout.write(helpTexts[topic]);
    return 0;
  }
  process.stderr.write(`interlingua: no help on "${topic}"${didYouMean(topic, commandNames)}\n\n${overview}`);
  return 1;
}

function isRunnable(name: string): name is RunnableCommand {
  return Object.hasOwn(runners, name);
}
