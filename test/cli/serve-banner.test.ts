/**
 * What `serve` prints when it is ready, and how its log lines read in a terminal, without
 * starting a gateway (commands.test.ts starts one and reads the same banner end to end).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveBanner } from '../../src/cli/serve-banner.js';
import { resolveConfig } from '../../src/config/load.js';
import { createTextLogger, textLine } from '../../src/gateway/text-logger.js';

const provider = { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-test' };

test('the banner names the version, the file, the URL, the console, each model with its deployments, and the ready time', () => {
  const config = resolveConfig(
    {
      adminKey: 'console-admin-key-0123456789',
      providers: { oa: { ...provider, models: ['gpt-*'] }, an: { dialect: 'anthropic', apiKey: 'k' } },
      models: { smart: [{ provider: 'oa', model: 'gpt-4o' }, { provider: 'an', model: 'claude-sonnet-4-5' }] },
    },
    'interlingua.yaml',
    process.cwd(),
    {},
  );
  const banner = serveBanner({ version: '1.2.3', file: '/etc/interlingua.yaml', config, address: { address: '127.0.0.1', family: 'IPv4', port: 4000 }, readyMs: 412.6 });
  assert.equal(
    banner,
    [
      'interlingua 1.2.3 listening on http://127.0.0.1:4000',
      '  config    /etc/interlingua.yaml',
      '  console   http://127.0.0.1:4000/console',
      '  model     smart → oa/gpt-4o, an/claude-sonnet-4-5',
      '  provider  oa (openai-chat) serves gpt-*',
      '  ready in 413 ms',
      '',
    ].join('\n'),
  );
});

test('without a file, an admin key or models, the banner says where providers come from and how to turn the console on', () => {
  const config = resolveConfig({ providers: {} }, 'environment', process.cwd(), {});
  const banner = serveBanner({ version: '1.2.3', config, address: { address: '::1', family: 'IPv6', port: 4000 }, readyMs: 90 });
  assert.match(banner, /^interlingua 1\.2\.3 listening on http:\/\/\[::1\]:4000\n/);
  assert.match(banner, /\n {2}config {4}none: providers from OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY\n/);
  assert.match(banner, /\n {2}console {3}off \(set adminKey in the configuration to turn it on\)\n/);
  assert.match(banner, /\n {2}models {4}none: configure providers and models \(see the README\)\n/);
});

test('in a terminal a log line reads as time, level, message and fields; secrets stay redacted', () => {
  assert.equal(
    textLine('{"level":"warn","time":"2026-01-02T03:04:05.678Z","message":"request failed","status":400,"model":"smart","error":"no such model"}'),
    '03:04:05.678 WARN  request failed status=400 model=smart error="no such model"\n',
  );
  const lines: string[] = [];
  createTextLogger((line) => lines.push(line)).info('upstream called', { headers: { authorization: 'Bearer sk-secret' } });
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /^\d\d:\d\d:\d\d\.\d{3} INFO {2}upstream called headers=\{"authorization":"\[redacted\]"\}\n$/);
  assert.doesNotMatch(lines[0] ?? '', /sk-secret|^\{/);
});
