/**
 * The sources a web-searching upstream cites reach OpenAI callers as `url_citation` annotations,
 * indexed in UTF-16 into the text they read, whole and streamed: Claude's web search citations
 * (a text block's `citations` / `citations_delta`, covering the whole block), an OpenAI Responses
 * upstream's `output_text.annotations` (and `response.output_text.annotation.added`), an OpenAI
 * Chat upstream's `message.annotations` (and `delta.annotations`). Callers whose API has no place
 * for them are told they were left out; an Anthropic caller of Claude keeps Claude's own citations.
 *
 * Wire shapes: Claude's answer follows the web search tool's documented example
 * (https://docs.claude.com/en/docs/agents-and-tools/tool-use/web-search-tool, "Response") and
 * `CitationsDelta` / `CitationsWebSearchResultLocation` in @anthropic-ai/sdk; OpenAI's follow
 * `ResponseOutputText.URLCitation`, `ResponseOutputTextAnnotationAddedEvent` and
 * `ChatCompletionMessage.Annotation` in the openai package, and a search-preview model's last chunk
 * holding only `delta.annotations` (https://github.com/openai/openai-java/issues/297).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';

const anthropic = new TestUpstream();
const chat = new TestUpstream();
const responses = new TestUpstream();
const logLines: string[] = [];
let gateway: Gateway;
let url: string;
let client: OpenAI;

before(async () => {
  await Promise.all([anthropic.start(), chat.start(), responses.start()]);
  const config = resolveConfig({
    providers: {
      an: { dialect: 'anthropic', baseUrl: anthropic.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
      oa: { dialect: 'openai-chat', baseUrl: `${chat.baseUrl}/v1`, apiKey: 'sk-test-openai' },
      re: { dialect: 'openai-responses', baseUrl: `${responses.baseUrl}/v1`, apiKey: 'sk-test-responses' },
    },
    models: {
      claude: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
      'search-chat': [{ provider: 'oa', model: 'gpt-4o-search-preview' }],
      'search-responses': [{ provider: 're', model: 'gpt-4.1' }],
    },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: createJsonLogger((line) => logLines.push(line)) });
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  client = new OpenAI({ apiKey: 'caller-key', baseURL: `${url}/v1`, maxRetries: 0 });
});
after(async () => {
  await gateway.close();
  await Promise.all([anthropic.stop(), chat.stop(), responses.stop()]);
});
beforeEach(() => {
  for (const upstream of [anthropic, chat, responses]) upstream.reset();
  logLines.length = 0;
});

/** Text before the cited span with characters JavaScript counts as two units (🔎) and CJK. */
const first = 'Ich suche 🔎 (日本語). ';
const cited = 'Claude Shannon was born on April 30, 1916, in Petoskey, Michigan';
const last = '. He died in 2001.';
const answer = `${first}${cited}${last}`;
const page = 'https://en.wikipedia.org/wiki/Claude_Shannon';
const title = 'Claude Shannon - Wikipedia';
/** Where the cited span is in what an OpenAI Chat caller reads: UTF-16 indices, as JavaScript strings count. */
const start = first.length;
const end = first.length + cited.length;
const chatAnnotation = { type: 'url_citation', url_citation: { start_index: start, end_index: end, title, url: page } };
const question = 'When was Claude Shannon born?';

// ---- Claude with the web search tool -------------------------------------------------------

const claudeCitation = {
  type: 'web_search_result_location',
  url: page,
  title,
  encrypted_index: 'Eo8BCioIAhgBIiQyYjQ0OWJmZi1lNm..',
  cited_text: 'Claude Elwood Shannon (April 30, 1916 – February 24, 2001) was an American mathematician, electrical engineer, computer scientist, cryptographer and i...',
};
const searchUse = { type: 'server_tool_use', id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE', name: 'web_search', input: { query: 'claude shannon birth date' } };
const searchResult = {
  type: 'web_search_tool_result',
  tool_use_id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE',
  content: [{ type: 'web_search_result', url: page, title, encrypted_content: 'EqgfCioIARgBIiQ3YTAwMjY1Mi1', page_age: 'April 30, 2025' }],
};
const claudeUsage = { input_tokens: 6039, output_tokens: 931, server_tool_use: { web_search_requests: 1 } };
const claudeWhole = {
  id: 'msg_a930390d3a',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-20250514',
  content: [
    { type: 'text', text: first },
    searchUse,
    searchResult,
    { type: 'text', text: cited, citations: [claudeCitation] },
    { type: 'text', text: last },
  ],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: claudeUsage,
};

function sse(events: Array<Record<string, unknown>>): string {
  return events.map((event) => `event: ${String(event['type'])}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

const claudeStream = sse([
  { type: 'message_start', message: { ...claudeWhole, content: [], stop_reason: null, usage: { input_tokens: 6039, output_tokens: 1 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: first } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { ...searchUse, input: {} } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: JSON.stringify(searchUse.input) } },
  { type: 'content_block_stop', index: 1 },
  { type: 'content_block_start', index: 2, content_block: searchResult },
  { type: 'content_block_stop', index: 2 },
  { type: 'content_block_start', index: 3, content_block: { type: 'text', text: '', citations: [] } },
  { type: 'content_block_delta', index: 3, delta: { type: 'citations_delta', citation: claudeCitation } },
  { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: cited.slice(0, 20) } },
  { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: cited.slice(20) } },
  { type: 'content_block_stop', index: 3 },
  { type: 'content_block_start', index: 4, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: last } },
  { type: 'content_block_stop', index: 4 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: claudeUsage },
  { type: 'message_stop' },
]);

// ---- OpenAI Responses with the web search tool ---------------------------------------------

const responsesAnnotation = { type: 'url_citation', start_index: start, end_index: end, title, url: page };
const fileCitation = { type: 'file_citation', file_id: 'file-2dtbBZdjtDKS8eqWxqbgDi', filename: 'notes.pdf', index: answer.length };
const searchCall = { type: 'web_search_call', id: 'ws_67c9fa0502748190b7dd390736892e100be649c1a5ff9609', status: 'completed', action: { type: 'search', query: 'claude shannon birth date' } };
const messageItem = {
  type: 'message',
  id: 'msg_67c9fa077e288190af08fdffda2e34f20be649c1a5ff9609',
  status: 'completed',
  role: 'assistant',
  content: [{ type: 'output_text', text: answer, annotations: [responsesAnnotation, fileCitation], logprobs: [] }],
};
const responsesUsage = { input_tokens: 328, input_tokens_details: { cached_tokens: 0 }, output_tokens: 356, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 684 };
const responsesWhole = { id: 'resp_67c9fa0502748190', object: 'response', created_at: 1741290757, status: 'completed', model: 'gpt-4.1', output: [searchCall, messageItem], usage: responsesUsage };

function responsesStreamText(): string {
  const where = { item_id: messageItem.id, output_index: 1, content_index: 0 };
  const created = { ...responsesWhole, status: 'in_progress', output: [], usage: null };
  const part = messageItem.content[0];
  const events: Array<Record<string, unknown>> = [
    { type: 'response.created', response: created },
    { type: 'response.output_item.added', output_index: 0, item: { ...searchCall, status: 'in_progress' } },
    { type: 'response.output_item.done', output_index: 0, item: searchCall },
    { type: 'response.output_item.added', output_index: 1, item: { ...messageItem, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', ...where, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } },
    { type: 'response.output_text.delta', ...where, delta: answer.slice(0, 30), logprobs: [] },
    { type: 'response.output_text.delta', ...where, delta: answer.slice(30), logprobs: [] },
    { type: 'response.output_text.annotation.added', ...where, annotation_index: 0, annotation: responsesAnnotation },
    { type: 'response.output_text.annotation.added', ...where, annotation_index: 1, annotation: fileCitation },
    { type: 'response.output_text.done', ...where, text: answer, logprobs: [] },
    { type: 'response.content_part.done', ...where, part },
    { type: 'response.output_item.done', output_index: 1, item: messageItem },
    { type: 'response.completed', response: responsesWhole },
  ];
  return events.map((event, index) => `event: ${String(event['type'])}\ndata: ${JSON.stringify({ ...event, sequence_number: index })}\n\n`).join('');
}

// ---- OpenAI Chat with a search-preview model ------------------------------------------------

const chatWhole = {
  id: 'chatcmpl-BJ7tGxBz2g1R',
  object: 'chat.completion',
  created: 1741290757,
  model: 'gpt-4o-search-preview-2025-03-11',
  choices: [{ index: 0, message: { role: 'assistant', content: answer, refusal: null, annotations: [chatAnnotation] }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 40, total_tokens: 49 },
};

function chatStreamText(): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({
    id: chatWhole.id,
    object: 'chat.completion.chunk',
    created: chatWhole.created,
    model: chatWhole.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const chunks = [
    chunk({ role: 'assistant', content: '', refusal: null }),
    chunk({ content: answer.slice(0, 25) }),
    chunk({ content: answer.slice(25) }),
    // The search-preview models' last chunk: only the annotations, with the finish reason.
    chunk({ annotations: [chatAnnotation] }, 'stop'),
    { id: chatWhole.id, object: 'chat.completion.chunk', created: chatWhole.created, model: chatWhole.model, choices: [], usage: chatWhole.usage },
  ];
  return `${chunks.map((entry) => `data: ${JSON.stringify(entry)}\n\n`).join('')}data: [DONE]\n\n`;
}

// ---- readers ---------------------------------------------------------------------------------

function warningFeatures(headers: Headers): string[] {
  return (JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

function loggedStreamedFeatures(): string[] {
  const logged = logLines
    .map((line) => JSON.parse(line) as { message: string; streamed?: boolean; warnings?: Array<{ feature: string }> })
    .find((line) => line.message === 'translation warnings' && line.streamed === true);
  return logged?.warnings?.map((warning) => warning.feature) ?? [];
}

/** The Responses answer's text, and its URL citations indexed into that whole text. */
function responsesCitations(output: OpenAI.Responses.ResponseOutputItem[]): { text: string; annotations: unknown[] } {
  let text = '';
  const annotations: unknown[] = [];
  for (const item of output) {
    if (item.type !== 'message') continue;
    for (const part of item.content) {
      if (part.type !== 'output_text') continue;
      for (const annotation of part.annotations) {
        if (annotation.type === 'url_citation') annotations.push({ ...annotation, start_index: annotation.start_index + text.length, end_index: annotation.end_index + text.length });
      }
      text += part.text;
    }
  }
  return { text, annotations };
}

async function chatStreamed(model: string): Promise<{ content: string; annotations: unknown[] }> {
  const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: question }], stream: true });
  let content = '';
  const annotations: unknown[] = [];
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as { content?: string | null; annotations?: unknown[] } | undefined;
    content += delta?.content ?? '';
    annotations.push(...(delta?.annotations ?? []));
  }
  return { content, annotations };
}

/** A streamed Responses answer: its text, the `annotation.added` events' URL citations indexed into the whole text, and the completed response's. */
async function responsesStreamed(model: string): Promise<{ text: string; added: unknown[]; completed: ReturnType<typeof responsesCitations> }> {
  const stream = await client.responses.create({ model, input: question, store: false, stream: true });
  const texts = new Map<string, string>();
  const added: Array<{ key: string; annotation: OpenAI.Responses.ResponseOutputText.URLCitation }> = [];
  let completed: OpenAI.Responses.Response | undefined;
  let text = '';
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') {
      const key = `${event.output_index}/${event.content_index}`;
      if (!texts.has(key)) texts.set(key, '');
      texts.set(key, (texts.get(key) ?? '') + event.delta);
      text += event.delta;
    }
    if (event.type === 'response.output_text.annotation.added') {
      const annotation = event.annotation as OpenAI.Responses.ResponseOutputText.URLCitation;
      if (annotation.type === 'url_citation') added.push({ key: `${event.output_index}/${event.content_index}`, annotation });
    }
    if (event.type === 'response.completed') completed = event.response;
  }
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const [key, partText] of texts) {
    offsets.set(key, offset);
    offset += partText.length;
  }
  const placed = added.map(({ key, annotation }) => ({ ...annotation, start_index: annotation.start_index + (offsets.get(key) ?? 0), end_index: annotation.end_index + (offsets.get(key) ?? 0) }));
  return { text, added: placed, completed: responsesCitations(completed?.output ?? []) };
}

// ---- Claude → OpenAI callers ---------------------------------------------------------------

test('Claude, whole → OpenAI Chat: the cited text block is the url_citation span', async () => {
  anthropic.enqueue({ kind: 'json', body: claudeWhole });
  const { data, response } = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: question }] }).withResponse();
  const message = data.choices[0]?.message;
  assert.equal(message?.content, answer);
  assert.deepEqual(message?.annotations, [chatAnnotation]);
  assert.equal(message?.content?.slice(start, end), cited);
  const features = warningFeatures(response.headers);
  assert.ok(!features.includes('output.citations'), `no citation loss in ${features.join(', ')}`);
});

test('Claude, streamed → OpenAI Chat: citations_delta becomes delta.annotations after the text', async () => {
  anthropic.enqueue({ kind: 'stream', text: claudeStream });
  const { content, annotations } = await chatStreamed('claude');
  assert.equal(content, answer);
  assert.deepEqual(annotations, [chatAnnotation]);
});

test('Claude, whole → OpenAI Responses: output_text.annotations', async () => {
  anthropic.enqueue({ kind: 'json', body: claudeWhole });
  const response = await client.responses.create({ model: 'claude', input: question, store: false });
  assert.deepEqual(responsesCitations(response.output), { text: answer, annotations: [responsesAnnotation] });
});

test('Claude, streamed → OpenAI Responses: response.output_text.annotation.added, and the completed response', async () => {
  anthropic.enqueue({ kind: 'stream', text: claudeStream });
  const { text, added, completed } = await responsesStreamed('claude');
  assert.equal(text, answer);
  assert.deepEqual(added, [responsesAnnotation]);
  assert.deepEqual(completed, { text: answer, annotations: [responsesAnnotation] });
});

test('Claude, whole → Anthropic caller: Claude\'s own citations, no warning and no field of the gateway\'s', async () => {
  anthropic.enqueue({ kind: 'json', body: claudeWhole });
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude', max_tokens: 500, messages: [{ role: 'user', content: question }] }),
  });
  assert.equal(response.status, 200);
  assert.ok(!warningFeatures(response.headers).includes('output.citations'));
  const body = (await response.json()) as Record<string, unknown> & { content: Array<{ type: string; text?: string; citations?: unknown }> };
  assert.deepEqual(body.content.map((block) => block.type), ['text', 'server_tool_use', 'web_search_tool_result', 'text', 'text']);
  assert.deepEqual(body.content[3]?.citations, [claudeCitation]);
  assert.equal(body['unportedOutput'], undefined);
});

// ---- OpenAI Responses → OpenAI Chat, and the rest ------------------------------------------

test('OpenAI Responses, whole → OpenAI Chat: the url_citation at the same span; the file citation is reported', async () => {
  responses.enqueue({ kind: 'json', body: responsesWhole });
  const { data, response } = await client.chat.completions.create({ model: 'search-responses', messages: [{ role: 'user', content: question }] }).withResponse();
  assert.equal(data.choices[0]?.message.content, answer);
  assert.deepEqual(data.choices[0]?.message.annotations, [chatAnnotation]);
  const features = warningFeatures(response.headers);
  assert.deepEqual(features.filter((feature) => feature === 'output.citations'), ['output.citations'], 'only the file citation is reported');
});

test('OpenAI Responses, streamed → OpenAI Chat: annotation.added becomes delta.annotations', async () => {
  responses.enqueue({ kind: 'stream', text: responsesStreamText(), contentType: 'text/event-stream' });
  const { content, annotations } = await chatStreamed('search-responses');
  assert.equal(content, answer);
  assert.deepEqual(annotations, [chatAnnotation]);
});

test('OpenAI Responses, whole → Anthropic caller: the citations are reported as left out', async () => {
  responses.enqueue({ kind: 'json', body: responsesWhole });
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'search-responses', max_tokens: 500, messages: [{ role: 'user', content: question }] }),
  });
  assert.equal(response.status, 200);
  const features = warningFeatures(response.headers);
  assert.equal(features.filter((feature) => feature === 'output.citations').length, 2, `url and file citations reported in ${features.join(', ')}`);
  const body = (await response.json()) as { content: Array<{ text?: string; citations?: unknown }> };
  assert.equal(body.content[0]?.text, answer);
  assert.equal(body.content[0]?.citations, undefined, 'no Anthropic citation is invented');
});

// ---- OpenAI Chat → OpenAI Responses, and the rest ------------------------------------------

test('OpenAI Chat, whole → OpenAI Responses: message.annotations become output_text.annotations', async () => {
  chat.enqueue({ kind: 'json', body: chatWhole });
  const response = await client.responses.create({ model: 'search-chat', input: question, store: false });
  assert.deepEqual(responsesCitations(response.output), { text: answer, annotations: [responsesAnnotation] });
});

test('OpenAI Chat, streamed → OpenAI Responses: delta.annotations become annotation.added events', async () => {
  chat.enqueue({ kind: 'stream', text: chatStreamText(), contentType: 'text/event-stream' });
  const { text, added, completed } = await responsesStreamed('search-chat');
  assert.equal(text, answer);
  assert.deepEqual(added, [responsesAnnotation]);
  assert.deepEqual(completed, { text: answer, annotations: [responsesAnnotation] });
});

test('OpenAI Chat, streamed → OpenAI Chat: the annotations come through', async () => {
  chat.enqueue({ kind: 'stream', text: chatStreamText(), contentType: 'text/event-stream' });
  const { content, annotations } = await chatStreamed('search-chat');
  assert.equal(content, answer);
  assert.deepEqual(annotations, [chatAnnotation]);
});

test('OpenAI Chat, streamed → Anthropic caller: the citations are in the log\'s translation warnings', async () => {
  chat.enqueue({ kind: 'stream', text: chatStreamText(), contentType: 'text/event-stream' });
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'search-chat', max_tokens: 500, stream: true, messages: [{ role: 'user', content: question }] }),
  });
  assert.equal(response.status, 200);
  await response.text();
  const features = loggedStreamedFeatures();
  assert.ok(features.includes('output.citations'), `output.citations in ${features.join(', ')}`);
});

test('Claude, whole → Gemini caller: the citations are reported as left out', async () => {
  anthropic.enqueue({ kind: 'json', body: claudeWhole });
  const response = await fetch(`${url}/v1beta/models/claude:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'caller-key' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: question }] }] }),
  });
  assert.equal(response.status, 200);
  const features = warningFeatures(response.headers);
  assert.ok(features.includes('output.citations'), `output.citations in ${features.join(', ')}`);
});
