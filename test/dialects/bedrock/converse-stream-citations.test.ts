/**
 * Converse document citations in streams and for callers that cannot carry them: a ConverseStream
 * caller (`@aws-sdk/client-bedrock-runtime`) gets each `citation` delta of a cited block back in
 * that block, as Bedrock sends them (the upstream stream below is in the order of the recorded
 * vercel/ai packages/amazon-bedrock/src/__fixtures__/bedrock-document-citations.chunks.txt:
 * the citation delta first, then the cited text); a caller whose API has no place for them is
 * told they were left out, whole or streamed, and a Bedrock caller is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from '../../gateway/support/aws-callers.js';
import { eventStream } from '../../support/aws-event-stream-replies.js';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { bedrockAnthropicDialect } from '../../../src/dialects/anthropic/bedrock-platform.js';
import { answerOutputWarnings } from '../../../src/gateway/answer-output-warnings.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: { smart: [{ provider: 'aws', model: claude }] },
  retry: { attempts: 0 },
}));

/** A page citation as the recorded stream sends it. */
const pageCitation = { location: { documentPage: { documentIndex: 0, end: 2, start: 1 } }, sourceContent: [{ text: 'For example: Given a photo, a generative model can generate a caption.' }], title: 'document-1' };
const webCitation = { location: { web: { url: 'https://example.com/caption', domain: 'example.com' } }, title: 'Captions' };

const citedStream = () =>
  eventStream([
    ['messageStart', { role: 'assistant' }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'The document says: ' } }],
    ['contentBlockStop', { contentBlockIndex: 0 }],
    ['contentBlockDelta', { contentBlockIndex: 1, delta: { citation: pageCitation } }],
    ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Given a photo' } }],
    ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: ', a model can generate a caption' } }],
    ['contentBlockStop', { contentBlockIndex: 1 }],
    ['contentBlockDelta', { contentBlockIndex: 2, delta: { text: '.' } }],
    ['contentBlockStop', { contentBlockIndex: 2 }],
    ['messageStop', { stopReason: 'end_turn' }],
    ['metadata', { usage: { inputTokens: 10, outputTokens: 8, totalTokens: 18 }, metrics: { latencyMs: 1 } }],
  ]);

const citedAnswer = (citations: unknown[]) => ({
  kind: 'json' as const,
  body: {
    output: { message: { role: 'assistant', content: [{ text: 'The document says: ' }, { citationsContent: { content: [{ text: 'Given a photo, a model can generate a caption' }], citations } }, { text: '.' }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 10, outputTokens: 8, totalTokens: 18 },
  },
});

const question = [{ role: 'user' as const, content: [{ text: 'What can a generative model do?' }] }];

test('ConverseStream caller: the citation delta comes back within the block whose text it cites', async () => {
  setup.upstream.enqueue(citedStream());
  const client = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  const output = await client.send(new ConverseStreamCommand({ modelId: 'smart', messages: question }));
  const blocks = new Map<number, { text: string; citations: unknown[]; stopped: boolean }>();
  for await (const event of output.stream ?? []) {
    const delta = event.contentBlockDelta;
    if (delta !== undefined) {
      const block = blocks.get(delta.contentBlockIndex ?? -1) ?? { text: '', citations: [], stopped: false };
      assert.equal(block.stopped, false, 'no delta after its block stopped');
      block.text += delta.delta?.text ?? '';
      if (delta.delta?.citation !== undefined) block.citations.push(delta.delta.citation);
      blocks.set(delta.contentBlockIndex ?? -1, block);
    }
    if (event.contentBlockStop !== undefined) blocks.get(event.contentBlockStop.contentBlockIndex ?? -1)!.stopped = true;
  }
  const cited = [...blocks.values()].filter((block) => block.citations.length > 0);
  assert.equal(cited.length, 1);
  assert.equal(cited[0]?.text, 'Given a photo, a model can generate a caption');
  assert.deepEqual(cited[0]?.citations, [pageCitation]);
  assert.equal([...blocks.values()].map((block) => block.text).join(''), 'The document says: Given a photo, a model can generate a caption.');
});

test('Converse caller, whole answer: the citations come back and nothing is reported lost', async () => {
  setup.upstream.enqueue(citedAnswer([pageCitation]));
  const client = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  let warnings = '';
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      warnings = (result.response as { headers?: Record<string, string> }).headers?.['x-interlingua-warnings'] ?? '';
      return result;
    },
    { step: 'deserialize' },
  );
  const output = await client.send(new ConverseCommand({ modelId: 'smart', messages: question }));
  assert.deepEqual(output.output?.message?.content?.[1]?.citationsContent?.citations, [pageCitation]);
  assert.doesNotMatch(warnings, /output\.citations/);
});

test('openai caller, whole answer: the text arrives and the left-out citations are reported', async () => {
  setup.upstream.enqueue(citedAnswer([pageCitation, webCitation]));
  const { data, response } = await new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 })
    .chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'What can a generative model do?' }] })
    .withResponse();
  assert.equal(data.choices[0]?.message.content, 'The document says: Given a photo, a model can generate a caption.');
  const warnings = response.headers.get('x-interlingua-warnings') ?? '';
  assert.match(warnings, /"feature":"output\.citations","message":"Bedrock cited the caller's documents \(1 citations\)/);
  assert.match(warnings, /1 of Bedrock's citations point to web pages/);
});

test("streamed: the decoder's finish lists the citations for an OpenAI caller, and for no Bedrock or Anthropic caller", () => {
  const decoder = bedrockDialect.createStreamDecoder();
  const frames: Array<[string, unknown]> = [
    ['messageStart', { role: 'assistant' }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { citation: pageCitation } }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Given a photo' } }],
    ['contentBlockStop', { contentBlockIndex: 0 }],
    ['messageStop', { stopReason: 'end_turn' }],
    ['metadata', { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }],
  ];
  const events: StreamEvent[] = frames.flatMap(([event, payload]) => decoder.push({ event, data: JSON.stringify(payload) }));
  const finish = events.find((event): event is Extract<StreamEvent, { type: 'finish' }> => event.type === 'finish');
  assert.ok(finish !== undefined);
  assert.deepEqual(answerOutputWarnings(finish.vendor, openaiChatDialect).map((warning) => warning.feature), ['output.citations']);
  assert.deepEqual(answerOutputWarnings(finish.vendor, bedrockDialect), []);
  // Anthropic callers get the document citations as Claude's own (citations_delta).
  assert.deepEqual(answerOutputWarnings(finish.vendor, anthropicDialect), []);
  assert.deepEqual(answerOutputWarnings(finish.vendor, bedrockAnthropicDialect), []);
});
