import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { bin, runCli } from './support/run-cli.js';
import { convertDialects, helpTexts } from '../../src/cli/help-texts.js';
import { dialectNames } from '../../src/dialects/registry.js';
import { openStore } from '../../src/store/open-store.js';

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** A directory with interlingua.yaml holding `yaml`; commands run there find it without --config. */
function configDirectory(yaml: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-cli-'));
  writeFileSync(join(directory, 'interlingua.yaml'), yaml);
  return directory;
}

/** An environment without the variables a test's configuration names. */
function environmentWithout(...names: string[]): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  for (const name of names) delete environment[name];
  return environment;
}

const configNamingSecrets = 'adminKey: ${CLI_TEST_ADMIN_KEY}\nproviders:\n  oa:\n    dialect: openai-chat\n    apiKey: ${CLI_TEST_OPENAI_KEY}\n';

test('--version and -v print the package version', async () => {
  for (const flag of ['--version', '-v']) {
    const result = await runCli([flag]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `interlingua ${version}\n`);
  }
});

test('every command and subcommand answers --help, -h and help COMMAND with its own text', async () => {
  for (const command of ['serve', 'convert', 'keys', 'usage'] as const) {
    for (const args of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const result = await runCli(args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, helpTexts[command]);
    }
  }
  for (const action of ['create', 'list', 'revoke']) {
    const result = await runCli(['keys', action, '--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, helpTexts.keys);
  }
  const overview = await runCli(['--help']);
  assert.equal(overview.code, 0);
  assert.match(overview.stdout, /Commands:\n {2}serve/);
  assert.equal(overview.stderr, '');
});

test('the convert help and its argument check name every dialect the converter knows', () => {
  const listed = /Dialects: ([^]*)$/.exec(helpTexts.convert.trimEnd())?.[1]?.split(/,\s*/) ?? [];
  assert.deepEqual([...listed].sort(), [...dialectNames].sort());
  assert.deepEqual([...convertDialects].sort(), [...dialectNames].sort());
});

test('a mistyped command, option or action gets a "did you mean"; the message names the command and its help', async () => {
  const command = await runCli(['sevre']);
  assert.equal(command.code, 1);
  assert.match(command.stderr, /unknown command "sevre" \(did you mean "serve"\?\)/);
  const globalOption = await runCli(['--verison']);
  assert.equal(globalOption.code, 1);
  assert.match(globalOption.stderr, /^interlingua: unknown option --verison \(did you mean --version\?\)\n\nUsage: interlingua COMMAND/);
  const helpTopic = await runCli(['help', 'usgae']);
  assert.equal(helpTopic.code, 1);
  assert.match(helpTopic.stderr, /^interlingua: no help on "usgae" \(did you mean "usage"\?\)/);
  const option = await runCli(['usage', '--limt', '3']);
  assert.equal(option.code, 1);
  assert.equal(option.stderr, 'interlingua usage: unknown option --limt (did you mean --limit?)\nRun "interlingua usage --help" for its options.\n');
  const action = await runCli(['keys', 'lst']);
  assert.match(action.stderr, /keys: unknown action "lst" \(did you mean "list"\?\); the actions are create, list, revoke/);
  const dialect = await runCli(['convert', '--from', 'antropic', '--to', 'gemini'], { input: '{}' });
  assert.match(dialect.stderr, /--from must be one of .*, not "antropic" \(did you mean "anthropic"\?\)/);
  const nothingClose = await runCli(['serve', '--zzz']);
  assert.equal(nothingClose.stderr, 'interlingua serve: unknown option --zzz\nRun "interlingua serve --help" for its options.\n');
  assert.doesNotMatch(nothingClose.stderr, /positional|place it at the end/, "Node's parser wording stays out");
});

test('missing and bad option values are said in plain words', async () => {
  const noValue = await runCli(['serve', '--config']);
  assert.match(noValue.stderr, /^interlingua serve: --config needs a value, as in --config VALUE\n/);
  const badPort = await runCli(['serve', '--port', 'eighty']);
  assert.match(badPort.stderr, /serve: --port is a port number from 0 to 65535, not "eighty"/);
  const badFormat = await runCli(['serve', '--log-format', 'xml']);
  assert.match(badFormat.stderr, /serve: --log-format is text or json, not "xml"/);
  const directory = configDirectory('providers: {}\n');
  const noName = await runCli(['keys', 'create'], { cwd: directory });
  assert.equal(noName.code, 1);
  assert.match(noName.stderr, /^interlingua keys create: --name is required, as in --name ci-bot\n/);
  const badNumber = await runCli(['keys', 'create', '--name', 'a', '--rpm', 'many'], { cwd: directory });
  assert.match(badNumber.stderr, /keys create: --rpm is a whole number of requests a minute, 1 or more, not "many"/);
  const noTarget = await runCli(['keys', 'revoke'], { cwd: directory });
  assert.match(noTarget.stderr, /keys revoke: name the key to revoke, by its name or id/);
  const missingFile = await runCli(['convert', '--from', 'openai-chat', '--to', 'anthropic', join(directory, 'nothing.json')]);
  assert.match(missingFile.stderr, /cannot read .*nothing\.json: no such file/);
});

test('an unknown configuration key gets the closest known one; a missing section is said to be missing', async () => {
  const directory = configDirectory('providrs: {}\nserver:\n  prot: 8080\n');
  const result = await runCli(['serve'], { cwd: directory });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^ {2}server\.prot: unknown key \(did you mean "port"\?\)$/m);
  assert.match(result.stderr, /^ {2}providrs: unknown key \(did you mean "providers"\?\)$/m);
  assert.match(result.stderr, /^ {2}providers: missing; it takes a mapping of names to values$/m);
});

test('keys and usage need only the database section: an unset admin or provider key does not stop them', async () => {
  const directory = configDirectory(configNamingSecrets);
  const env = environmentWithout('CLI_TEST_ADMIN_KEY', 'CLI_TEST_OPENAI_KEY');
  const created = await runCli(['keys', 'create', '--name', 'ci-bot', '--rpm', '60', '--expires', '30d'], { cwd: directory, env });
  assert.equal(created.code, 0, created.stderr);
  const listed = await runCli(['keys', 'list'], { cwd: directory, env });
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^ci-bot \(key_\w+, sk-il-\S+…\), all models, 60 rpm, created \d{4}-\d\d-\d\d \d\d:\d\d UTC, expires \d{4}-\d\d-\d\d \d\d:\d\d UTC\n$/);
  const usage = await runCli(['usage'], { cwd: directory, env });
  assert.equal(usage.code, 0, usage.stderr);
  assert.match(usage.stdout, /no requests recorded\n0 requests/);
  const serve = await runCli(['serve', '--port', '0'], { cwd: directory, env });
  assert.equal(serve.code, 1, 'serve does need them');
  assert.match(serve.stderr, /environment variable CLI_TEST_ADMIN_KEY is not set/);
});

test('usage shows the newest 50 by default, --limit N of them, readable numbers, and totals over every match', async () => {
  const directory = configDirectory('providers: {}\n');
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'interlingua.db') });
  const start = Date.UTC(2026, 0, 2, 3, 4, 5);
  await store.db
    .insertInto('usage_records')
    .values(
      Array.from({ length: 60 }, (_, index) => ({
        id: `u${index}`,
        created_at: start + index * 1000,
        key_id: null,
        key_name: index % 2 === 0 ? 'even' : 'odd',
        model: 'smart',
        deployment: 'oa/gpt-4o',
        caller: 'openai-chat',
        stream: 0,
        status: 200,
        error_code: null,
        input_tokens: 12_345,
        output_tokens: 1_000 + index,
        cached_tokens: 0,
        reasoning_tokens: 0,
        cost: 0.0125,
        latency_ms: 1_234,
        ttft_ms: null,
      })),
    )
    .execute();
  await store.close();
  const all = await runCli(['usage'], { cwd: directory });
  assert.equal(all.code, 0, all.stderr);
  const lines = all.stdout.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^time \(UTC\)\s+key\s+model\s+deployment\s+status\s+input\s+output\s+cost\s+ms$/);
  assert.equal(lines.length, 1 + 50 + 1, 'a header, the newest 50 rows, the totals');
  assert.match(lines[1] ?? '', /^2026-01-02 03:04:15\s+even\s+smart\s+oa\/gpt-4o\s+200\s+12,345\s+1,010\s+\$0\.0125\s+1,234$/, 'the 11th record is the oldest shown');
  assert.equal(lines.at(-1), 'showing the newest 50 of 60 (--limit N to see more); 60 requests, 740,700 input and 61,770 output tokens, $0.7500');
  const three = await runCli(['usage', '--limit', '3', '--key', 'odd'], { cwd: directory });
  assert.deepEqual(
    three.stdout.trimEnd().split('\n').slice(1, -1).map((line) => line.slice(0, 19)),
    ['2026-01-02 03:05:00', '2026-01-02 03:05:02', '2026-01-02 03:05:04'],
  );
  assert.match(three.stdout, /showing the newest 3 of 30 .*; 30 requests/);
  const everything = await runCli(['usage', '--limit', '0'], { cwd: directory });
  assert.equal(everything.stdout.trimEnd().split('\n').length, 1 + 60 + 1);
  assert.doesNotMatch(everything.stdout, /showing/);
  const json = await runCli(['usage', '--json'], { cwd: directory });
  assert.equal(json.stdout.trimEnd().split('\n').length, 60, '--json gives every matching record');
});

test('serve starts with a banner: version, config file, URL, console, models, ready time; a busy port gets a hint', async () => {
  const directory = configDirectory(
    'adminKey: console-admin-key-0123456789\nproviders:\n  oa:\n    dialect: openai-chat\n    baseUrl: http://127.0.0.1:9/v1\n    models: ["gpt-*", "o[0-9]*"]\nmodels:\n  smart:\n    - { provider: oa, model: gpt-4o }\n',
  );
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--log-format', 'text'], { cwd: directory });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const banner = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/ready in \d+ ms\n/.test(stdout)) resolve(stdout);
    });
    child.on('close', () => reject(new Error(`serve exited early: ${stdout}${stderr}`)));
  });
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1] ?? '';
  assert.match(banner, new RegExp(`^interlingua ${version.replace(/\./g, '\\.')} listening on http://127\\.0\\.0\\.1:\\d+\\n`));
  assert.match(banner, new RegExp(`config {4}${join(directory, 'interlingua.yaml').replace(/[.\\/]/g, '\\$&')}\\n`));
  assert.match(banner, new RegExp(`console {3}${url.replace(/[.\\/]/g, '\\$&')}/console\\n`));
  assert.match(banner, /model {5}smart → oa\/gpt-4o\n/);
  assert.match(banner, /provider {2}oa \(openai-chat\) serves gpt-\*, o\[0-9\]\*\n/);

  const busy = await runCli(['serve', '--port', url.split(':').at(-1) ?? ''], { cwd: directory });
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /^interlingua: port \d+ on 127\.0\.0\.1 is already in use; stop what runs there, or choose another port with --port N/);

  // --log-format text: a request's log line is a readable line, not JSON.
  await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.match(stderr, /^\d\d:\d\d:\d\d\.\d{3} WARN {2}request failed .*status=400/m);
  assert.doesNotMatch(stderr, /^\{/m);
});

test('without a terminal, serve logs JSON lines; the banner says how to turn the console on', async () => {
  const directory = configDirectory('providers:\n  oa:\n    dialect: openai-chat\n    baseUrl: http://127.0.0.1:9/v1\n');
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const found = (probe.address() as { port: number }).port;
      probe.close(() => resolve(found));
    });
  });
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port)], { cwd: directory });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/ready in/.test(stdout)) resolve();
    });
    child.on('close', () => reject(new Error(`serve exited early: ${stdout}${stderr}`)));
  });
  assert.match(stdout, /console {3}off \(set adminKey in the configuration to turn it on\)/);
  assert.match(stdout, /models {4}none/);
  await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', body: '{}' });
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  const failed = stderr.split('\n').find((line) => line.includes('request failed'));
  assert.equal((JSON.parse(failed ?? '{}') as { level?: string }).level, 'warn');
});
