/**
 * An Anthropic caller of Claude gets Claude's citations in a stream the gateway parsed and wrote
 * again (here a plugin model, which the pass-through leaves to the parsing path) just as the
 * pass-through shows them: one `citations_delta` per citation, as Claude sent it, after the text
 * and before `content_block_stop`. Other vendors' URL citations are never written as Anthropic
 * citations (they lack the `encrypted_index` and `cited_text` only Claude issues).
 *
 * Claude's stream follows the web search tool's documented answer
 * (https://docs.claude.com/en/docs/agents-and-tools/tool-use/web-search-tool, "Response") and the
 * citations streaming example (https://docs.claude.com/en/docs/build-with-claude/citations,
 * "Streaming support": `text_delta`, then `citations_delta`, then `content_block_stop`); the shapes
 * are `CitationsDelta` and `CitationsWebSearchResultLocation` in @anthropic-ai/sdk.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { assertValidAnthropicStream, decodeFrames, encodeEvents, sdkFinalMessage, sseFrames } from './support.js';

const upstreamModel = 'claude-sonnet-4-20250514';
const upstream = new TestUpstream();
let gateway: Gateway;
let client: Anthropic;

before(async () => {
  await upstream.start();
  const config = resolveConfig({
    providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test' } },
    plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
    models: {
      claude: [{ provider: 'an', model: upstreamModel }],
      // A plugin model: its answer is parsed and written again.
      'claude-calculating': { deployments: [{ provider: 'an', model: upstreamModel }], plugins: ['calculator'] },
    },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  const port = (await gateway.listen(0, '127.0.0.1')).port;
  client = new Anthropic({ apiKey: 'caller-key', baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 });
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});
beforeEach(() => upstream.reset());

const first = 'Ich suche 🔎 (日本語). ';
const cited = 'Claude Shannon was born on April 30, 1916, in Petoskey, Michigan';
const last = '. He died in 2001.';
const page = 'https://en.wikipedia.org/wiki/Claude_Shannon';
const title = 'Claude Shannon - Wikipedia';
const citations = [
  {
    type: 'web_search_result_location',
    url: page,
    title,
    encrypted_index: 'Eo8BCioIAhgBIiQyYjQ0OWJmZi1lNm..',
    cited_text: 'Claude Elwood Shannon (April 30, 1916 – February 24, 2001) was an American mathematician, electrical engineer, computer scientist, cryptographer and i...',
  },
  // A second passage of the same page: an Anthropic caller gets both, as Claude sent them.
  { type: 'web_search_result_location', url: page, title, encrypted_index: 'Eo8BCioIAhgBIiQzYzU1Y2NnZy1mN2..', cited_text: 'Shannon was born in Petoskey, Michigan, and grew up in Gaylord, Michigan.' },
];
const searchUse = { type: 'server_tool_use', id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE', name: 'web_search', input: { query: 'claude shannon birth date' } };
const searchResult = {
  type: 'web_search_tool_result',
  tool_use_id: searchUse.id,
  content: [{ type: 'web_search_result', url: page, title, encrypted_content: 'EqgfCioIARgBIiQ3YTAwMjY1Mi1', page_age: 'April 30, 2025' }],
};
const usage = { input_tokens: 6039, output_tokens: 931, server_tool_use: { web_search_requests: 1 } };

function sse(events: Array<Record<string, unknown>>): string {
  return events.map((event) => `event: ${String(event['type'])}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

const claudeStream = sse([
  { type: 'message_start', message: { id: 'msg_a930390d3a', type: 'message', role: 'assistant', model: upstreamModel, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 6039, output_tokens: 1 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: first } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { ...searchUse, input: {} } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: JSON.stringify(searchUse.input) } },
  { type: 'content_block_stop', index: 1 },
  { type: 'content_block_start', index: 2, content_block: searchResult },
  { type: 'content_block_stop', index: 2 },
  { type: 'content_block_start', index: 3, content_block: { type: 'text', text: '', citations: [] } },
  { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: cited.slice(0, 20) } },
  { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: cited.slice(20) } },
  ...citations.map((citation) => ({ type: 'content_block_delta', index: 3, delta: { type: 'citations_delta', citation } })),
  { type: 'content_block_stop', index: 3 },
  { type: 'content_block_start', index: 4, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: last } },
  { type: 'content_block_stop', index: 4 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage },
  { type: 'message_stop' },
]);

const question = 'When was Claude Shannon born?';

/** The caller's stream through the gateway: every event the SDK read, and its final message. */
async function streamed(model: string): Promise<{ events: Anthropic.MessageStreamEvent[]; message: Anthropic.Message }> {
  upstream.enqueue({ kind: 'stream', text: claudeStream });
  const stream = client.messages.stream({
    model,
    max_tokens: 1024,
    messages: [{ role: 'user', content: question }],
    tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 1 }],
  });
  const events: Anthropic.MessageStreamEvent[] = [];
  stream.on('streamEvent', (event) => events.push(event));
  const message = await stream.finalMessage();
  return { events, message };
}

function textBlocks(message: Anthropic.Message): Anthropic.ContentBlock[] {
  return message.content.filter((block) => block.type === 'text');
}

/** The deltas and stop of the content block at `index`, by type. */
function blockEventTypes(events: Anthropic.MessageStreamEvent[], index: number): string[] {
  return events.flatMap((event) => {
    if (event.type === 'content_block_delta' && event.index === index) return [event.delta.type];
    if (event.type === 'content_block_stop' && event.index === index) return ['content_block_stop'];
    return [];
  });
}

test('parsed stream: the SDK\'s final message holds Claude\'s citations, as the pass-through shows them', async () => {
  const parsed = await streamed('claude-calculating');
  assert.equal(parsed.message.model, 'claude-calculating', 'the answer was parsed and written again');
  const [, citedBlock] = textBlocks(parsed.message);
  assert.deepEqual(citedBlock, { type: 'text', text: cited, citations });

  const passed = await streamed('claude');
  assert.equal(passed.message.model, upstreamModel, 'the answer was passed through as Claude wrote it');
  assert.deepEqual(textBlocks(parsed.message), textBlocks(passed.message));
  assert.deepEqual(upstream.takeRefusals(), []);
});

test('parsed stream: one citations_delta per citation, after the block\'s text and before its stop, as Claude sent it', async () => {
  const { events, message } = await streamed('claude-calculating');
  const index = message.content.findIndex((block) => block.type === 'text' && block.text === cited);
  assert.deepEqual(blockEventTypes(events, index), ['text_delta', 'text_delta', 'citations_delta', 'citations_delta', 'content_block_stop']);
  const sent = events.flatMap((event) => (event.type === 'content_block_delta' && event.delta.type === 'citations_delta' ? [event.delta] : []));
  assert.deepEqual(sent, citations.map((citation) => ({ type: 'citations_delta', citation })));
});

test('decoded and encoded again, a cited block keeps its citations; document citations too', () => {
  const documentCitation = { type: 'char_location', cited_text: 'The grass is green.', document_index: 0, document_title: 'Facts', start_char_index: 0, end_char_index: 20 };
  const withDocument = claudeStream.replace('"index":4,"delta":{"type":"text_delta","text":". He died in 2001."}}', `"index":4,"delta":{"type":"text_delta","text":". He died in 2001."}}\n\nevent: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 4, delta: { type: 'citations_delta', citation: documentCitation } })}`);
  assert.notEqual(withDocument, claudeStream);
  const text = encodeEvents(decodeFrames(sseFrames(withDocument)));
  assertValidAnthropicStream(text);
  const deltas = sseFrames(text)
    .map((frame) => JSON.parse(frame.data) as { type: string; index?: number; delta?: { type: string } })
    .filter((data) => data.type === 'content_block_delta' && data.delta?.type === 'citations_delta');
  // The blocks keep Claude's indices: its server tool blocks (1 and 2) are written back too.
  assert.deepEqual(deltas, [
    ...citations.map((citation) => ({ type: 'content_block_delta', index: 3, delta: { type: 'citations_delta', citation } })),
    { type: 'content_block_delta', index: 4, delta: { type: 'citations_delta', citation: documentCitation } },
  ]);
});

test('another vendor\'s URL citations are no Anthropic citation: no citations_delta is invented', () => {
  // What an OpenAI or Gemini upstream's decoder gives: URL citations, and no Anthropic vendor data.
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'chatcmpl-1', model: 'gpt-4o-search-preview' },
    { type: 'text-start', id: '0' },
    { type: 'text-delta', id: '0', delta: cited },
    { type: 'text-end', id: '0', citations: [{ type: 'url', url: page, title, startIndex: 0, endIndex: cited.length }] },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 9, outputTokens: 40 } },
  ];
  const text = encodeEvents(events);
  assertValidAnthropicStream(text);
  assert.ok(!text.includes('citations_delta'), text);
});

test('a folded stream or a whole answer, streamed again (a cached answer, a whole answer sent as a stream), keeps Claude\'s citations', async () => {
  const folded = foldStream(decodeFrames(sseFrames(claudeStream)));
  const whole = anthropicDialect.parseResponse({
    id: 'msg_a930390d3a',
    type: 'message',
    role: 'assistant',
    model: upstreamModel,
    content: [{ type: 'text', text: first }, searchUse, searchResult, { type: 'text', text: cited, citations }, { type: 'text', text: last }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage,
  });
  for (const response of [folded, whole]) {
    const text = encodeEvents(responseToEvents(response));
    assertValidAnthropicStream(text);
    const message = await sdkFinalMessage(text);
    assert.deepEqual(message.content.find((block) => block.type === 'text' && block.text === cited), { type: 'text', text: cited, citations });
  }
});
