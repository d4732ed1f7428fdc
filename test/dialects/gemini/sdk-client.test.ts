/**
 * The official @google/genai SDK as a client: what the dialect emits for a Gemini caller must be
 * read by it, and what the SDK sends must parse. A local server stands in for the gateway.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, GoogleGenAI, Type } from '@google/genai';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { normalizeRequest } from './helpers.js';
import { judgeRequest, type VendorRefusal } from '../../support/vendor-rules/index.js';

const request: ChatRequest = { model: 'gemini-2.5-pro', system: [], messages: [], sampling: {}, stream: true };
const context = { requestedModel: 'gemini-2.5-pro', request };

const streamEvents: StreamEvent[] = [
  { type: 'response-start', id: 'resp-1', model: 'claude' },
  { type: 'reasoning-start', id: 'r', signatureOrigin: 'gemini' },
  { type: 'reasoning-delta', id: 'r', delta: 'Thinking.' },
  { type: 'reasoning-end', id: 'r' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hello ' },
  { type: 'text-delta', id: 't', delta: 'there.' },
  { type: 'text-end', id: 't' },
  { type: 'tool-call-start', id: 'toolu_1', name: 'lookup' },
  { type: 'tool-call-delta', id: 'toolu_1', delta: '{"q":"x"}' },
  { type: 'tool-call-end', id: 'toolu_1' },
  { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: { inputTokens: 5, outputTokens: 9 } },
];

const answer: ChatResponse = {
  id: 'msg_1',
  model: 'claude',
  content: [{ type: 'text', text: 'Hi!' }, { type: 'tool-call', id: 'toolu_2', name: 'lookup', arguments: '{"q":"y"}' }],
  finishReason: { unified: 'tool-calls' },
  usage: { inputTokens: 3, outputTokens: 4 },
};

let server: Server;
let baseUrl = '';
let mode: 'ok' | 'error' = 'ok';
const received: Array<{ url: string; body: unknown }> = [];
const refusals: VendorRefusal[] = [];

before(async () => {
  server = createServer((incoming, outgoing) => {
    let text = '';
    incoming.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    incoming.on('end', () => {
      const body = JSON.parse(text) as unknown;
      received.push({ url: incoming.url ?? '', body });
      // What the official SDK sends must pass the Gemini judge: its rules must not refuse a real client.
      const refusal = judgeRequest({ method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers, body });
      if (refusal !== undefined) {
        refusals.push(refusal);
        outgoing.writeHead(refusal.status, { 'content-type': 'application/json' }).end(JSON.stringify(refusal.body));
        return;
      }
      const stream = (incoming.url ?? '').includes(':streamGenerateContent');
      if (mode === 'error' && !stream) {
        const { status, body } = geminiDialect.emitError(new InterlinguaError('rate_limited', 'Slow down.', { retryAfterMs: 30_000 }));
        outgoing.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      if (!stream) {
        outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(geminiDialect.emitResponse(answer, context)));
        return;
      }
      const encoder = geminiDialect.createStreamEncoder(context);
      outgoing.writeHead(200, { 'content-type': 'text/event-stream' });
      const events: StreamEvent[] =
        mode === 'error' ? [...streamEvents.slice(0, 7), { type: 'error', error: new InterlinguaError('stream_interrupted', 'Upstream cut.') }] : streamEvents;
      for (const event of events) outgoing.write(encoder.encode(event));
      outgoing.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.deepEqual(refusals.map((refusal) => `${refusal.rule}: ${refusal.message}`), []);
});

function client(): GoogleGenAI {
  return new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl } });
}

test('the SDK reads an emitted stream: text, thoughts, function call, finish and usage', async () => {
  mode = 'ok';
  const chunks = [];
  for await (const chunk of await client().models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'hi' })) chunks.push(chunk);
  const parts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
  assert.equal(parts.filter((part) => part.thought !== true && typeof part.text === 'string').map((part) => part.text).join(''), 'Hello there.');
  assert.equal(parts.filter((part) => part.thought === true).map((part) => part.text).join(''), 'Thinking.');
  assert.deepEqual(chunks.flatMap((chunk) => chunk.functionCalls ?? []), [{ name: 'lookup', args: { q: 'x' }, id: 'toolu_1' }]);
  const last = chunks.at(-1);
  assert.equal(last?.candidates?.[0]?.finishReason, 'STOP');
  assert.equal(last?.usageMetadata?.promptTokenCount, 5);
  assert.equal(last?.usageMetadata?.candidatesTokenCount, 9);
  assert.equal(last?.responseId, 'resp-1');
});

test('the SDK raises ApiError on an error chunk in the middle of a stream', async () => {
  mode = 'error';
  const texts: string[] = [];
  await assert.rejects(
    async () => {
      for await (const chunk of await client().models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'hi' })) texts.push(chunk.text ?? '');
    },
    (error: unknown) => error instanceof ApiError && error.status === 502,
  );
  assert.ok(texts.join('').startsWith('Hello'));
});

test('the SDK reads an emitted non-streamed answer and an emitted error', async () => {
  mode = 'ok';
  const response = await client().models.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' });
  assert.deepEqual(response.functionCalls, [{ name: 'lookup', args: { q: 'y' }, id: 'toolu_2' }]);
  assert.equal(response.candidates?.[0]?.content?.parts?.[0]?.text, 'Hi!');
  assert.equal(response.usageMetadata?.totalTokenCount, 7);
  mode = 'error';
  await assert.rejects(client().models.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' }), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 429);
    assert.match(error.message, /RESOURCE_EXHAUSTED/);
    assert.match(error.message, /"retryDelay":"30s"/);
    return true;
  });
});

test('what the SDK sends parses: system instruction, tools, tool config, thinking and a JSON schema', async () => {
  mode = 'ok';
  received.length = 0;
  // Gemini 3: before it, Gemini refuses JSON output beside tools (test/support/vendor-rules/models/gemini-models.ts).
  await client().models.generateContent({
    model: 'gemini-3-pro-preview',
    contents: [
      { role: 'user', parts: [{ text: 'Weather?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Oslo' } }, thoughtSignature: 'c2ln' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { output: 'cold' } } }] },
    ],
    config: {
      systemInstruction: 'Be brief.',
      temperature: 0.2,
      maxOutputTokens: 100,
      tools: [{ functionDeclarations: [{ name: 'weather', description: 'Weather', parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } }, required: ['city'] } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' as never, allowedFunctionNames: ['weather'] } },
      thinkingConfig: { thinkingBudget: 256, includeThoughts: true },
      responseMimeType: 'application/json',
      responseSchema: { type: Type.OBJECT, properties: { answer: { type: Type.STRING, nullable: true } } },
    },
  });
  const sent = received[0];
  assert.match(sent?.url ?? '', /\/v1beta\/models\/gemini-3-pro-preview:generateContent$/);
  const { request: parsed, warnings } = geminiDialect.parseRequest(sent?.body, { model: 'gemini-3-pro-preview', stream: false });
  assert.deepEqual(warnings, []);
  assert.deepEqual(parsed.system, [{ type: 'text', text: 'Be brief.' }]);
  assert.deepEqual(parsed.sampling, { temperature: 0.2, maxOutputTokens: 100 });
  assert.deepEqual(parsed.toolChoice, { type: 'tool', name: 'weather' });
  assert.deepEqual(parsed.tools?.[0]?.parameters, { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] });
  assert.deepEqual(parsed.reasoning, { enabled: true, budgetTokens: 256, includeThoughts: true });
  assert.deepEqual(parsed.responseFormat, { type: 'json', schema: { type: 'object', properties: { answer: { type: ['string', 'null'] } } } });
  const tool = parsed.messages[2];
  assert.deepEqual(tool?.role === 'tool' && tool.content[0], {
    type: 'tool-result',
    toolCallId: 'call_1_0',
    toolName: 'weather',
    content: [{ type: 'text', text: 'cold' }],
    vendor: { gemini: { idSynthesized: true } },
  });
  // Sent back to Gemini, the body is what the SDK sent (the SDK adds role "user" to systemInstruction).
  assert.deepEqual(normalizeRequest(geminiDialect.emitRequest(parsed, { model: 'gemini-3-pro-preview', defaultMaxOutputTokens: 1 }).body), normalizeRequest(sent?.body));
});
