/**
 * Azure's per-chunk `content_filter_results` (src/dialects/openai-chat/azure-filter-results.ts) on a
 * stream the gateway rebuilds on its way to an `AzureOpenAI` caller: unwrapped from the object a
 * non-object response schema was sent wrapped in (src/core/json-root-wrap.ts), or read for the tool
 * calls of an emulating deployment (src/tool-emulation/emulated-stream.ts). Every chunk's results
 * still reach the caller, in the order Azure sent them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureOpenAI } from 'openai';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { azure: { dialect: 'azure-openai', baseUrl, apiVersion: '2024-10-21', apiKey: 'azure-test-key' } },
  models: {
    smart: [{ provider: 'azure', model: 'gpt-4o-mini' }],
    emulated: [{ provider: 'azure', model: 'gpt-4o-mini', toolCalling: 'emulate', toolFormat: 'hermes' }],
  },
  retry: { attempts: 1 },
}));

const azure = (deployment: string) => new AzureOpenAI({ endpoint: setup.url, apiKey: 'caller', apiVersion: '2024-10-21', deployment, maxRetries: 0 });

// The shapes of test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse: {} on the role
// and finish chunks, the four categories on each chunk of text. Each chunk of text here has one category
// `low` (which the default filter lets pass; it blocks from medium), so the caller can tell whose results it reads.
const categories = ['hate', 'self_harm', 'sexual', 'violence'] as const;
const safe = Object.fromEntries(categories.map((category) => [category, { filtered: false, severity: 'safe' }]));
const common = { id: 'chatcmpl-CLxf6VStuacrIaxo8vDi3CgHCWd53', object: 'chat.completion.chunk', created: 1759350264, model: 'gpt-4o-mini', system_fingerprint: null };
const chunk = (delta: unknown, results: unknown, finishReason: string | null = null) => ({ ...common, choices: [{ index: 0, finish_reason: finishReason, delta, logprobs: null, content_filter_results: results }], usage: null });

/** Azure's stream of `texts`, the text chunk at `position` judging one category `low`. */
function judgedStream(texts: readonly string[], finishReason = 'stop'): string {
  const chunks = [
    chunk({ role: 'assistant', content: '' }, {}),
    ...texts.map((text, position) => chunk({ content: text }, { ...safe, [categories[position % categories.length]!]: { filtered: false, severity: 'low' } })),
    chunk({}, {}, finishReason),
    { ...common, choices: [], usage: { prompt_tokens: 12, completion_tokens: texts.length, total_tokens: 12 + texts.length } },
  ];
  return `${chunks.map((each) => `data: ${JSON.stringify(each)}\n\n`).join('')}data: [DONE]\n\n`;
}

/** Which category each chunk's results judge `low`, in the order the caller reads them; chunks without results are left out. */
async function lowCategories(stream: AsyncIterable<{ choices: ReadonlyArray<unknown> }>): Promise<Array<string | undefined>> {
  const read: Array<string | undefined> = [];
  for await (const each of stream) {
    const results = (each.choices[0] as { content_filter_results?: Record<string, { severity?: string }> } | undefined)?.content_filter_results;
    if (results === undefined || Object.keys(results).length === 0) continue;
    read.push(Object.entries(results).find(([, result]) => result.severity === 'low')?.[0]);
  }
  return read;
}

test('an answer unwrapped from the object its array schema was sent in keeps every chunk’s results', async () => {
  const texts = ['{"value"', ':["Soup",', '"Stew"]', '}'];
  setup.upstream.enqueue({ kind: 'stream', text: judgedStream(texts) });
  const stream = await azure('smart').chat.completions.create({
    model: 'smart',
    stream: true,
    messages: [{ role: 'user', content: 'Two soups?' }],
    response_format: { type: 'json_schema', json_schema: { name: 'soups', strict: true, schema: { type: 'array', items: { type: 'string' } } } },
  });
  assert.deepEqual(await lowCategories(stream), ['hate', 'self_harm', 'sexual', 'violence']);
  const sentSchema = (setup.upstream.requests[0]?.body as { response_format?: { json_schema?: { schema?: { type?: string } } } }).response_format?.json_schema?.schema;
  assert.equal(sentSchema?.type, 'object', 'the schema went wrapped');
});

const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];

test('an emulated tool call keeps the results of the chunks it was read from, text held back as a possible call too', async () => {
  const texts = ['Let me check. ', '<tool_call>\n{"name": "get_weather", ', '"arguments": {"city": "Paris"}}\n</tool_call>'];
  setup.upstream.enqueue({ kind: 'stream', text: judgedStream(texts) });
  const stream = await azure('emulated').chat.completions.create({ model: 'emulated', stream: true, tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
  const kinds: string[] = [];
  const categoriesRead = await lowCategories(
    (async function* () {
      for await (const each of stream) {
        const choice = each.choices[0];
        if (choice?.delta.tool_calls?.[0]?.function?.name !== undefined) kinds.push('call');
        else if (choice?.delta.content != null && choice.delta.content !== '') kinds.push('text');
        yield each;
      }
    })(),
  );
  // The text goes with its own; the held start of the call on an empty delta of the open text; the call with the chunk that completed it.
  assert.deepEqual(categoriesRead, ['hate', 'self_harm', 'sexual']);
  assert.deepEqual(kinds, ['text', 'call']);
});

test('a call before any text takes the results of the latest chunk it was read from', async () => {
  setup.upstream.enqueue({ kind: 'stream', text: judgedStream(['<tool_call>\n{"name": "get_weather", ', '"arguments": {"city": "Paris"}}\n</tool_call>']) });
  const stream = await azure('emulated').chat.completions.create({ model: 'emulated', stream: true, tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
  assert.deepEqual(await lowCategories(stream), ['self_harm']);
});
