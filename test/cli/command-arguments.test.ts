/**
 * Every command's argument messages, read by the light modules that check them before a command
 * loads its work (no process is spawned here): missing and bad options in plain words, the
 * closest option or choice for a typo, and the option named as its help names it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError, type OptionSpec } from '../../src/cli/command-args.js';
import { parseServeArgs, serveOptions } from '../../src/cli/serve-args.js';
import { parseUsageArgs, usageOptions } from '../../src/cli/usage-args.js';
import { keysOptions, parseKeysArgs } from '../../src/cli/keys-args.js';
import { convertOptions, parseConvertArgs } from '../../src/cli/convert-args.js';
import { helpTexts } from '../../src/cli/help-texts.js';
import { listenErrorText } from '../../src/cli/listen-error.js';

/** The UsageError message `read` throws. */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail('the arguments were accepted');
}

const now = Date.UTC(2026, 5, 1);

test('each command\'s help describes every option it takes, with its short form', () => {
  const commands: Array<[keyof typeof helpTexts, OptionSpec]> = [
    ['serve', serveOptions],
    ['usage', usageOptions],
    ['convert', convertOptions],
    ['keys', { ...keysOptions.create, ...keysOptions.list, ...keysOptions.revoke }],
  ];
  for (const [command, options] of commands) {
    for (const [name, option] of Object.entries(options)) {
      const described = new RegExp(`^ {2}${option.short === undefined ? ' {4}' : `-${option.short}, `}--${name} [A-Z\\w ]*\\S`, 'm');
      assert.match(helpTexts[command], described, `${command} --${name}`);
    }
    assert.match(helpTexts[command], /^ {2}-h, --help {2,}this help$/m, `${command} --help`);
  }
});

test('serve: port, workers and log format are checked before the gateway loads', () => {
  assert.deepEqual(parseServeArgs(['-p', '8080', '--host', '0.0.0.0', '-w', '2', '--log-format', 'json']), { port: 8080, host: '0.0.0.0', workers: 2, logFormat: 'json' });
  assert.equal(refusal(() => parseServeArgs(['--port', 'eighty'])), 'serve: --port is a port number from 0 to 65535, not "eighty"');
  assert.equal(refusal(() => parseServeArgs(['--port', '70000'])), 'serve: --port is a port number from 0 to 65535, not "70000"');
  assert.equal(refusal(() => parseServeArgs(['--workers', '0'])), 'serve: --workers is a number of processes (1 or more) or auto, not "0"');
  assert.equal(refusal(() => parseServeArgs(['--log-format', 'xml'])), 'serve: --log-format is text or json, not "xml"');
  assert.equal(refusal(() => parseServeArgs(['--config'])), 'serve: --config needs a value, as in --config VALUE');
  assert.equal(refusal(() => parseServeArgs(['-p'])), 'serve: --port needs a value, as in --port VALUE', 'a short option is named as its help names it');
  assert.equal(refusal(() => parseServeArgs(['--prot', '80'])), 'serve: unknown option --prot (did you mean --port?)');
  assert.equal(refusal(() => parseServeArgs(['extra'])), 'serve: unexpected argument "extra"');
});

test('serve: readable lines in a terminal, JSON lines otherwise, unless --log-format says', () => {
  assert.equal(parseServeArgs([], true).logFormat, 'text');
  assert.equal(parseServeArgs([], false).logFormat, 'json');
  assert.equal(parseServeArgs(['--log-format', 'json'], true).logFormat, 'json');
  assert.equal(parseServeArgs(['--log-format', 'text'], false).logFormat, 'text');
});

test('a value that begins with a dash is not mistaken for a missing one, and says how to write it', () => {
  assert.equal(refusal(() => parseUsageArgs(['--limit', '-3'])), 'usage: --limit needs a value; one that begins with a dash is written --limit=-3');
  assert.equal(refusal(() => parseUsageArgs(['--limit=-3'])), 'usage: --limit is a whole number (0 for all), not "-3"');
  assert.equal(refusal(() => parseUsageArgs(['--limit', '--json'])), 'usage: --limit needs a value, as in --limit VALUE');
  assert.equal(refusal(() => parseUsageArgs(['--json=yes'])), 'usage: --json takes no value');
});

test('usage: --limit defaults to 50; --since and --until take spans and dates, and say so when wrong', () => {
  assert.deepEqual(parseUsageArgs([], now), { filter: {}, limit: 50, json: false });
  assert.deepEqual(parseUsageArgs(['--limit', '0', '--key', 'ci', '--model', 'smart', '--since', '24h', '--until', '2026-06-01', '--json'], now), {
    filter: { keyName: 'ci', model: 'smart', since: now - 86_400_000, until: Date.UTC(2026, 5, 1) },
    limit: 0,
    json: true,
  });
  assert.equal(refusal(() => parseUsageArgs(['--limit', 'all'])), 'usage: --limit is a whole number (0 for all), not "all"');
  assert.equal(refusal(() => parseUsageArgs(['--limt', '3'])), 'usage: unknown option --limt (did you mean --limit?)');
  assert.equal(
    refusal(() => parseUsageArgs(['--since', 'yesterday'])),
    'usage: --since: "yesterday" is not a span, date or time; write a span back from now (30d, 12h, 90m), a date (2026-12-31, midnight UTC), a time (2026-12-31 12:00:00, UTC unless it ends in Z or an offset such as +02:00) or epoch milliseconds (13 digits)',
  );
});

test('usage: a number without its unit is refused, not read as a year; a time copied from the table is UTC', () => {
  assert.match(refusal(() => parseUsageArgs(['--since', '7'], now)), /^usage: --since: "7" is not a span, date or time \(did you mean 7d\?\)/);
  assert.match(refusal(() => parseUsageArgs(['--until', '7'], now)), /^usage: --until: "7" is not a span, date or time \(did you mean 7d\?\)/);
  assert.match(refusal(() => parseUsageArgs(['--since', '2026-02-30'], now)), /^usage: --since: "2026-02-30" is not a date on the calendar/);
  const zone = process.env.TZ;
  process.env.TZ = 'America/New_York';
  try {
    assert.deepEqual(parseUsageArgs(['--since', '2026-12-06 02:54:00', '--until', '2026-12-06T04:00:00+01:00'], now).filter, { since: Date.UTC(2026, 11, 6, 2, 54), until: Date.UTC(2026, 11, 6, 3) });
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test('keys create: --name is asked for in words, never as "expected string, received undefined"', () => {
  assert.equal(refusal(() => parseKeysArgs(['create'])), 'keys create: --name is required, as in --name ci-bot');
  assert.equal(refusal(() => parseKeysArgs(['create', '--name', ' '])), 'keys create: --name is required, as in --name ci-bot');
  assert.equal(refusal(() => parseKeysArgs(['create', '--name'])), 'keys create: --name needs a value, as in --name VALUE');
  assert.equal(refusal(() => parseKeysArgs(['create', '--name', 'x'.repeat(201)])), 'keys create: --name is at most 200 characters');
});

test('keys create: every option value is checked and explained', () => {
  const create = (...options: string[]) => refusal(() => parseKeysArgs(['create', '--name', 'ci-bot', ...options], now));
  assert.equal(create('--rpm', '1.5'), 'keys create: --rpm is a whole number of requests a minute, 1 or more, not "1.5"');
  assert.equal(create('--tpm', 'lots'), 'keys create: --tpm is a whole number of tokens a minute, 1 or more, not "lots"');
  assert.equal(create('--budget', '0'), 'keys create: --budget is an amount of US dollars above 0, as in --budget 25, not "0"');
  assert.equal(create('--budget', '-5'), 'keys create: --budget needs a value; one that begins with a dash is written --budget=-5');
  assert.equal(create('--budget', '5', '--budget-period', 'wek'), 'keys create: --budget-period is one of day, week, month, total, not "wek" (did you mean "week"?)');
  assert.equal(create('--budget-period', 'week'), 'keys create: --budget-period needs a --budget to apply to, as in --budget 25 --budget-period week');
  assert.equal(
    create('--expires', 'soon'),
    'keys create: --expires: "soon" is not a span, date or time; write a span from now (30d, 12h, 90m), a date (2026-12-31, midnight UTC), a time (2026-12-31 12:00:00, UTC unless it ends in Z or an offset such as +02:00) or epoch milliseconds (13 digits)',
  );
  assert.match(create('--expires', '45'), /^keys create: --expires: "45" is not a span, date or time \(did you mean 45d\?\)/, 'not the year 2045');
  assert.match(create('--expires', '2030-02-31'), /^keys create: --expires: "2030-02-31" is not a date on the calendar/, 'not 2030-03-03');
  assert.match(create('--expires', 'hello 2027'), /^keys create: --expires: "hello 2027" is not a span, date or time;/);
  assert.equal(create('--expires', '2020-01-01'), "keys create: --expires: 2020-01-01T00:00:00.000Z has passed; a new key's expiry lies ahead");
  assert.equal(create('--metadata', '{team'), `keys create: --metadata is not valid JSON (write it in single quotes: --metadata '{"team":"search"}')`);
  assert.equal(create('--metadata', '[1]'), `keys create: --metadata is a JSON object, as in --metadata '{"team":"search"}'`);
  assert.equal(create('--models', ' , '), 'keys create: --models names at least one model or pattern, as in --models gpt-4o,claude-*');
  assert.equal(create('--rmp', '5'), 'keys create: unknown option --rmp (did you mean --rpm?)');
  assert.deepEqual(parseKeysArgs(['create', '--name', 'ci-bot', '--models', 'gpt-4o, claude-*', '--rpm', '60', '--tpm', '1000', '--budget', '$25', '--budget-period', 'week', '--expires', '30d', '--metadata', '{"team":"search"}'], now), {
    action: 'create',
    spec: { name: 'ci-bot', models: ['gpt-4o', 'claude-*'], rpm: 60, tpm: 1000, budget: 25, budgetPeriod: 'week', expires: '30d', metadata: { team: 'search' } },
  });
});

test('keys: an action is required and a typo gets the closest one; list and revoke take only their own options', () => {
  assert.equal(refusal(() => parseKeysArgs([])), 'keys: name an action: create, list, revoke');
  assert.equal(refusal(() => parseKeysArgs(['lst'])), 'keys: unknown action "lst" (did you mean "list"?); the actions are create, list, revoke');
  assert.equal(refusal(() => parseKeysArgs(['list', '--rpm', '5'])), 'keys list: unknown option --rpm');
  assert.deepEqual(parseKeysArgs(['list', '--json', '-c', 'gateway.yaml']), { action: 'list', config: 'gateway.yaml', json: true });
  assert.equal(refusal(() => parseKeysArgs(['revoke'])), 'keys revoke: name the key to revoke, by its name or id, as in: interlingua keys revoke ci-bot');
  assert.equal(refusal(() => parseKeysArgs(['revoke', 'a', 'b'])), 'keys revoke: one key at a time, not 2');
  assert.deepEqual(parseKeysArgs(['revoke', 'ci-bot']), { action: 'revoke', target: 'ci-bot' });
});

test('convert: both dialects are required, named from the list, with the closest for a typo', () => {
  const list = 'openai-chat, openai-responses, openai-completions, anthropic, gemini, ollama, ollama-generate, bedrock, bedrock-anthropic, azure-openai, azure-openai-responses, vertex, vertex-anthropic';
  assert.equal(refusal(() => parseConvertArgs([])), `convert: --from is required: one of ${list}`);
  assert.equal(refusal(() => parseConvertArgs(['--from', 'anthropic'])), `convert: --to is required: one of ${list}`);
  assert.equal(refusal(() => parseConvertArgs(['--from', 'antropic', '--to', 'gemini'])), `convert: --from must be one of ${list}, not "antropic" (did you mean "anthropic"?)`);
  assert.equal(refusal(() => parseConvertArgs(['--frm', 'anthropic'])), 'convert: unknown option --frm (did you mean --from?)');
  assert.equal(refusal(() => parseConvertArgs(['--from', 'anthropic', '--to', 'gemini', 'a.json', 'b.json'])), 'convert: one FILE at most, not 2');
  assert.deepEqual(parseConvertArgs(['--from', 'anthropic', '--to', 'gemini', '--model', 'm', 'a.json']), { from: 'anthropic', to: 'gemini', model: 'm', file: 'a.json' });
});

test('a port that cannot be listened on is put in words an operator can act on', () => {
  const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });
  assert.equal(
    listenErrorText(failure('EADDRINUSE'), 4000, '127.0.0.1'),
    'port 4000 on 127.0.0.1 is already in use; stop what runs there, or choose another port with --port N (or server.port in the configuration)',
  );
  assert.equal(listenErrorText(failure('EACCES'), 80, '0.0.0.0'), 'not allowed to listen on port 80 on 0.0.0.0; ports below 1024 need privileges: choose another with --port N');
  assert.equal(listenErrorText(failure('EADDRNOTAVAIL'), 4000, '10.9.9.9'), 'cannot listen on 10.9.9.9: this machine has no such address (check --host or server.host)');
  assert.equal(listenErrorText(failure('EMFILE'), 4000, '127.0.0.1'), undefined, 'others keep their own message');
});
