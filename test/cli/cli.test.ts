import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fixturePath } from '../support/fixtures.js';
import { bin, runCli } from './support/run-cli.js';

function run(args: string[], input?: string) {
  return runCli(args, input === undefined ? {} : { input });
}

test('convert turns an OpenAI request into Anthropic wire JSON and prints warnings', async () => {
  const input = JSON.stringify({
    model: 'gpt-4.1',
    messages: [{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'Hi' }],
    temperature: 1.5,
  });
  const result = await run(['convert', '--from', 'openai-chat', '--to', 'anthropic'], input);
  assert.equal(result.code, 0, result.stderr);
  const body = JSON.parse(result.stdout) as { system: unknown; max_tokens: number; messages: unknown[]; temperature: number };
  assert.equal(body.system, 'Be terse.');
  assert.equal(body.max_tokens, 4096);
  assert.equal(body.temperature, 1);
  assert.match(result.stderr, /warning \(compatibility\) temperature/);
});

test('convert reads a file: a recorded Gemini request becomes OpenAI chat', async () => {
  const result = await run(['convert', '--from', 'gemini', '--to', 'openai-chat', '--model', 'gemini-2.5-flash', fixturePath('gemini/fantasy-gemini25flash-tool.i0.request.json')]);
  assert.equal(result.code, 0, result.stderr);
  const body = JSON.parse(result.stdout) as { model: string; tools: Array<{ function: { name: string } }> };
  assert.equal(body.model, 'gemini-2.5-flash');
  assert.equal(body.tools[0]?.function.name, 'weather');
});

test('convert fits the request to the model: Anthropic thinking to gpt-4o sends no reasoning_effort and at most 16384 tokens', async () => {
  const input = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 32000, thinking: { type: 'enabled', budget_tokens: 16000 }, messages: [{ role: 'user', content: 'Hi' }] });
  const result = await run(['convert', '--from', 'anthropic', '--to', 'openai-chat', '--model', 'gpt-4o'], input);
  assert.equal(result.code, 0, result.stderr);
  const body = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.equal(body['reasoning_effort'], undefined);
  assert.equal(body['max_completion_tokens'], 16384);
  assert.match(result.stderr, /warning \(unsupported\) reasoning: gpt-4o does not reason/);
  assert.match(result.stderr, /warning \(compatibility\) max_output_tokens/);
});

test('convert refuses an unknown dialect and a bad body clearly', async () => {
  const unknown = await run(['convert', '--from', 'cohere', '--to', 'anthropic'], '{}');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /--from must be one of openai-chat, .*anthropic, .*gemini, .*not "cohere"/);
  const invalid = await run(['convert', '--from', 'openai-chat', '--to', 'anthropic'], '{"model": 1}');
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /invalid_request/);
});

test('serve stops at once on a bad configuration, naming the key', async () => {
  const result = await run(['serve', '--config', fixturePath('MANIFEST.md')]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /interlingua: /);
});

test('serve listens, answers /health, keeps its SQLite file beside the config, and exits cleanly on SIGTERM', async () => {
  const { existsSync, mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const configPath = join(mkdtempSync(join(tmpdir(), 'interlingua-serve-')), 'interlingua.yaml');
  writeFileSync(configPath, 'providers:\n  local:\n    dialect: openai-chat\n    baseUrl: http://127.0.0.1:9/v1\n');
  const child = spawn(process.execPath, [bin, 'serve', '--config', configPath, '--port', '0']);
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('close', () => reject(new Error(`serve exited early: ${output}`)));
  });
  const health = await fetch(`${url}/health`);
  assert.equal(health.status, 200);
  assert.ok(existsSync(join(configPath, '..', 'interlingua.db')), 'the store is opened (and migrated) at start');
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
