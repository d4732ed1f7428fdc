/**
 * Converse document citations: an answer that cites a document the caller enabled citations on
 * holds the cited passage in a `citationsContent` block (a stream: text deltas, then a `citation`
 * delta). The passage reaches every caller as text; an Anthropic caller gets the citations as
 * Claude's `char_location` / `page_location` ones, a Bedrock caller gets them back as Converse wrote them.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { eventStream } from '../../support/aws-event-stream-replies.js';
import { useTestAwsCredentials } from '../../support/sigv4.js';

const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
let restoreAwsEnvironment: () => void = () => undefined;
let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl } },
    models: { smart: [{ provider: 'aws', model: claude }] },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
  restoreAwsEnvironment();
});
beforeEach(() => upstream.reset());

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });

const documentMessages: Anthropic.MessageParam[] = [
  {
    role: 'user',
    content: [
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'The grass is green. The sky is blue.' }, title: 'doc', citations: { enabled: true } },
      { type: 'text', text: 'What color is the grass?' },
    ],
  },
];

/** A Converse citation of the document's first sentence (characters 0 to 19). */
const converseCitation = { title: 'doc', sourceContent: [{ text: 'The grass is green.' }], location: { documentChar: { documentIndex: 0, start: 0, end: 19 } } };
/** The same citation as Claude writes it. */
const claudeCitation = { type: 'char_location', cited_text: 'The grass is green.', document_index: 0, document_title: 'doc', start_char_index: 0, end_char_index: 19 };

const converseAnswer = {
  output: {
    message: {
      role: 'assistant',
      content: [{ text: 'According to the document, ' }, { citationsContent: { content: [{ text: 'the grass is green' }], citations: [converseCitation] } }, { text: '.' }],
    },
  },
  stopReason: 'end_turn',
  usage: { inputTokens: 10, outputTokens: 8, totalTokens: 18 },
};

test('anthropic caller, whole answer: the cited passage comes in its place, with a char_location citation', async () => {
  upstream.enqueue({ kind: 'json', body: converseAnswer });
  const message = await anthropic().messages.create({ model: 'smart', max_tokens: 300, messages: documentMessages });
  assert.deepEqual(
    message.content.map((block) => (block.type === 'text' ? { text: block.text, citations: block.citations ?? null } : block.type)),
    [
      { text: 'According to the document, ', citations: null },
      { text: 'the grass is green', citations: [claudeCitation] },
      { text: '.', citations: null },
    ],
  );
  const sent = upstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
  assert.deepEqual((sent.messages[0]?.content[0]?.['document'] as Record<string, unknown>)['citations'], { enabled: true });
});

test('openai caller, whole answer: the cited passage is part of the text', async () => {
  upstream.enqueue({ kind: 'json', body: converseAnswer });
  const completion = await openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'What color is the grass?' }] });
  assert.equal(completion.choices[0]?.message.content, 'According to the document, the grass is green.');
});

test('anthropic caller, streamed: the citation delta reaches the caller as a citations_delta of the cited block', async () => {
  upstream.enqueue(
    eventStream([
      ['messageStart', { role: 'assistant' }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'According to the document, ' } }],
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'the grass is green' } }],
      ['contentBlockDelta', { contentBlockIndex: 1, delta: { citation: converseCitation } }],
      ['contentBlockStop', { contentBlockIndex: 1 }],
      ['contentBlockDelta', { contentBlockIndex: 2, delta: { text: '.' } }],
      ['contentBlockStop', { contentBlockIndex: 2 }],
      ['messageStop', { stopReason: 'end_turn' }],
      ['metadata', { usage: { inputTokens: 10, outputTokens: 8, totalTokens: 18 }, metrics: { latencyMs: 1 } }],
    ]),
  );
  const stream = anthropic().messages.stream({ model: 'smart', max_tokens: 300, messages: documentMessages });
  const deltas: unknown[] = [];
  stream.on('streamEvent', (event) => {
    if (event.type === 'content_block_delta' && event.delta.type === 'citations_delta') deltas.push({ index: event.index, citation: event.delta.citation });
  });
  const message = await stream.finalMessage();
  assert.deepEqual(deltas, [{ index: 1, citation: claudeCitation }]);
  assert.deepEqual(
    message.content.map((block) => (block.type === 'text' ? block.text : block.type)),
    ['According to the document, ', 'the grass is green', '.'],
  );
  const cited = message.content[1];
  assert.ok(cited?.type === 'text');
  assert.deepEqual(cited.citations, [claudeCitation]);
});

test('a page citation becomes page_location; a Bedrock caller gets the citationsContent block back in its place', () => {
  const pageCitation = { title: 'report', sourceContent: [{ text: 'Revenue grew.' }], location: { documentPage: { documentIndex: 1, start: 2, end: 3 } } };
  const body = { ...converseAnswer, output: { message: { role: 'assistant', content: [{ citationsContent: { content: [{ text: 'Revenue grew' }], citations: [pageCitation] } }, { text: '.' }] } } };
  const response = bedrockDialect.parseResponse(body);
  const part = response.content[0];
  assert.ok(part?.type === 'text');
  assert.equal(part.text, 'Revenue grew');
  assert.deepEqual(part.vendor?.['anthropic']?.['citations'], [
    { type: 'page_location', cited_text: 'Revenue grew.', document_index: 1, document_title: 'report', start_page_number: 2, end_page_number: 3 },
  ]);
  const emitted = bedrockDialect.emitResponse(response, { requestedModel: 'smart', request: { model: 'smart', system: [], messages: [], sampling: {}, stream: false } }) as typeof body;
  assert.deepEqual(emitted.output.message.content, body.output.message.content);
});
