/**
 * Response headers built from what the caller sent. `provider/model` addressing carries the
 * caller's model name to the upstream and back in `x-interlingua-deployment`; a name outside
 * Latin-1 or with a CR/LF used to fail the header write after the upstream had answered (and
 * billed), turning a paid answer into a 500.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { postRaw } from './support/dialect-errors.js';
import { safeHeaderValue } from '../../src/gateway/header-values.js';
import { request } from 'node:http';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const unicodeModel = 'gpt-模型';

describe('a model name no header can carry as it is', () => {
  test('openai SDK: a non-Latin-1 model is answered, named percent-encoded in the deployment header', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'k', maxRetries: 0 });
    const { data, response } = await client.chat.completions.create({ model: `oa/${unicodeModel}`, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(data.choices[0]?.message.content, upstreamScenarios['openai-chat'].text.expected.text);
    assert.equal(response.headers.get('x-interlingua-deployment'), 'oa/gpt-%E6%A8%A1%E5%9E%8B');
    assert.equal(decodeURIComponent(response.headers.get('x-interlingua-deployment') ?? ''), `oa/${unicodeModel}`);
    assert.equal((harness.upstreams['openai-chat'].requests[0]?.body as { model: string }).model, unicodeModel);
  });

  test('anthropic SDK, streaming: the stream is written, headers and all', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.streamText.reply);
    const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'k', maxRetries: 0 });
    const { data: stream, response } = await client.messages.create({ model: `an/${unicodeModel}`, max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    let text = '';
    for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    assert.equal(text, upstreamScenarios.anthropic.streamText.expected.text);
    assert.equal(response.headers.get('x-interlingua-deployment'), 'an/gpt-%E6%A8%A1%E5%9E%8B');
  });

  test('a CR/LF in the model name is encoded, never a second header', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const model = 'oa/gpt\r\nx-injected: yes';
    const answer = await postRaw(harness, '/v1/chat/completions', JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers['x-injected'], undefined);
    assert.equal(answer.headers['x-interlingua-deployment'], 'oa/gpt%0D%0Ax-injected: yes');
    assert.equal(harness.upstreams['openai-chat'].requests.length, 1);
  });
});

describe('safeHeaderValue', () => {
  test('plain ASCII passes unchanged, % included', () => {
    assert.equal(safeHeaderValue('oa/gpt-4o 100%'), 'oa/gpt-4o 100%');
  });

  test('anything else is percent-encoded so it decodes back', () => {
    for (const value of ['gpt-模型', 'café 100%', 'a\r\nb', 'tab\tand\u0000nul', '😀']) {
      const safe = safeHeaderValue(value);
      assert.match(safe, /^[\t\x20-\x7e]*$/);
      assert.equal(decodeURIComponent(safe), value);
    }
  });

  test('a lone surrogate does not throw', () => {
    assert.match(safeHeaderValue('x\ud800y'), /^x%EF%BF%BDy$/);
  });
});

describe('a caller that asks to close the connection', () => {
  /**
   * RFC 9112 §9.6: a server that receives `Connection: close` closes the connection after
   * answering. A streamed answer must not override that with a `keep-alive` of its own.
   */
  test('a streamed answer is sent with connection: close and the socket is closed after it', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].streamText.reply);
    const url = new URL(`${harness.gatewayUrl}/v1/chat/completions`);
    const body = JSON.stringify({ model: 'oa/gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const { connection, socketClosed, text } = await new Promise<{ connection: string | undefined; socketClosed: boolean; text: string }>((resolve, reject) => {
      const outgoing = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close' } },
        (incoming) => {
          let received = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (received += chunk));
          incoming.on('end', () => {
            const socket = incoming.socket;
            const settle = () => resolve({ connection: incoming.headers.connection, socketClosed: true, text: received });
            if (socket.destroyed) settle();
            else socket.once('close', settle);
            setTimeout(() => resolve({ connection: incoming.headers.connection, socketClosed: socket.destroyed, text: received }), 2_000).unref();
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    assert.match(text, /\[DONE\]/);
    assert.equal(connection, 'close');
    assert.equal(socketClosed, true);
  });
});
