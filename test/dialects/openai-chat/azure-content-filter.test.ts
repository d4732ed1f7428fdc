/**
 * Azure's content-filter refusal as each caller gets it (src/dialects/openai-family/azure-content-filter.ts):
 * a caller of an OpenAI format (Chat Completions, which Azure's callers speak, and Responses) gets
 * Azure's `code: "content_filter"` and its `innererror` whole, which clients read; a caller of
 * another format gets its own error shape, whose message names the filters that fired.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureOpenaiDialect } from '../../../src/dialects/openai-chat/azure-platform.js';
import { azureOpenaiResponsesDialect } from '../../../src/dialects/openai-responses/azure-platform.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

// test/fixtures/recorded/azure-openai/mirascope-content-filter-400.response.json (self_harm, severity medium).
const body = readFixtureText('azure-openai/mirascope-content-filter-400.response.json');
const recorded = readFixtureJson('azure-openai/mirascope-content-filter-400.response.json') as { error: { innererror: Record<string, unknown> } };

test('a Chat Completions or Responses caller gets code content_filter and Azure’s innererror, from either Azure upstream', () => {
  for (const upstream of [azureOpenaiDialect, azureOpenaiResponsesDialect]) {
    const error = upstream.parseError(400, body, {});
    for (const caller of [openaiChatDialect, openaiResponsesDialect]) {
      const { status, body: sent } = caller.emitError(error) as { status: number; body: { error: Record<string, unknown> } };
      assert.equal(status, 400);
      assert.equal(sent.error['code'], 'content_filter', `${upstream.name} → ${caller.name}`);
      assert.deepEqual(sent.error['innererror'], recorded.error.innererror);
      assert.equal(sent.error['param'], 'prompt');
      assert.equal(sent.error['type'], 'invalid_request_error');
      assert.match(String(sent.error['message']), /^Azure OpenAI's content filter refused the prompt \(self_harm \(medium\)\)/);
    }
  }
});

test('an Anthropic caller gets its own invalid_request_error naming the filter; other errors keep Azure’s own code, or the gateway’s', () => {
  const error = azureOpenaiDialect.parseError(400, body, {});
  const { body: sent } = anthropicDialect.emitError(error) as { body: { error: { type: string; message: string } } };
  assert.equal(sent.error.type, 'invalid_request_error');
  assert.match(sent.error.message, /self_harm \(medium\)/);
  const plain = openaiChatDialect.emitError(azureOpenaiDialect.parseError(400, JSON.stringify({ error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } }), {}));
  assert.deepEqual(plain.body, { error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } }, 'Azure’s own code, none, passes unchanged');
  const written = openaiChatDialect.emitError(new InterlinguaError('invalid_request', 'no', { vendorType: 'content_filter' }));
  assert.equal((written.body as { error: { code: string } }).error.code, 'invalid_request', 'without an Azure body there is no filter to report');
});
