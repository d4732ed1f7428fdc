/**
 * A captured exchange shows the upstream URL as the admin API's model list shows a `baseUrl`:
 * without its user-info, so `http://user:password@host/v1` reaches the console as `http://***@host/v1`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExchangeLog } from '../../src/console/exchange-log.js';

test('the upstream URL of a captured attempt carries no credentials', () => {
  const log = new ExchangeLog(4);
  const capture = log.begin('caller', { model: 'gpt-4o' });
  capture.upstreamRequest('up/gpt-4o', 'openai-chat', 'http://user:pw@127.0.0.1:9/v1/chat/completions', { model: 'gpt-4o' }, []);
  assert.equal(log.get(capture.exchange.id)?.upstream?.url, 'http://***@127.0.0.1:9/v1/chat/completions');
  assert.ok(!JSON.stringify(log.get(capture.exchange.id)).includes('pw@'));
});
