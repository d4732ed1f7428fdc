import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJsonLogger } from '../../src/gateway/logger.js';

test('a log line is one JSON object whose own keys no field can overwrite', () => {
  const lines: string[] = [];
  createJsonLogger((line) => lines.push(line)).warn('request failed', { message: 'upstream said no', level: 'x', code: 'rate_limited' });
  assert.equal(lines.length, 1);
  assert.ok(lines[0]?.endsWith('\n'));
  const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  assert.equal(entry.message, 'request failed');
  assert.equal(entry.level, 'warn');
  assert.equal(entry.code, 'rate_limited');
});
