import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactedValue, withoutSecrets } from '../../src/gateway/log-redaction.js';
import { createJsonLogger } from '../../src/gateway/logger.js';

test('secrets are replaced at the top, one field down, in headers and in a field\'s headers; nothing else is', () => {
  const fields = {
    apiKey: 'sk-1',
    upstream: { api_key: 'sk-2', name: 'oa', deeper: { password: 'kept: two levels down is not looked at' } },
    headers: { authorization: 'Bearer sk-3', 'content-type': 'application/json' },
    response: { headers: { cookie: 'c=1', 'x-goog-api-key': 'g', server: 'x' }, status: 401 },
    list: ['authorization'],
    count: 3,
  };
  const before = structuredClone(fields);
  const result = withoutSecrets(fields);
  assert.deepEqual(result, {
    apiKey: redactedValue,
    upstream: { api_key: redactedValue, name: 'oa', deeper: { password: 'kept: two levels down is not looked at' } },
    headers: { authorization: redactedValue, 'content-type': 'application/json' },
    response: { headers: { cookie: redactedValue, 'x-goog-api-key': redactedValue, server: 'x' }, status: 401 },
    list: ['authorization'],
    count: 3,
  });
  assert.deepEqual(fields, before, 'the caller\'s fields are not changed');
});

test('fields without secrets are passed through as they are', () => {
  const fields = { caller: 'openai-chat', model: 'm', nested: { headers: { server: 'x' } }, missing: undefined };
  assert.equal(withoutSecrets(fields), fields);
  assert.equal(withoutSecrets({ apiKey: undefined }).apiKey, undefined);
});

test('a line with a reserved name among its fields has its secrets redacted too', () => {
  const lines: string[] = [];
  createJsonLogger((line) => lines.push(line)).info('line', { message: 'moved under fields', 'x-api-key': 'sk-5', upstream: { password: 'sk-6' } });
  assert.ok(!lines[0]?.includes('sk-5') && !lines[0]?.includes('sk-6'), lines[0]);
  assert.deepEqual(JSON.parse(lines[0] ?? '').fields, { message: 'moved under fields' });
});
