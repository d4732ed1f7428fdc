/**
 * A tool name declared twice: OpenAI takes it, while Anthropic ("tools: Tool names must be
 * unique.") and Gemini ("Duplicate function declaration found: …") refuse the whole request. An
 * OpenAI caller with two MCP servers that both offer `search`, and one tool registered twice,
 * reaches both under one declaration per name. Caller: the official openai SDK; the test upstreams
 * judge by each vendor's rules (test/support/vendor-rules).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import type { WarningsHeaderEntry } from '../../src/gateway/warnings-header.js';

let harness: Harness;
let client: OpenAI;
before(async () => {
  harness = await startHarness();
  client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const parameters = { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] };
const tools: OpenAI.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'search', description: 'Searches the wiki.', parameters } },
  { type: 'function', function: { name: 'read_page', description: 'Reads a page.', parameters } },
  { type: 'function', function: { name: 'search', description: 'Searches the issue tracker.', parameters } },
  { type: 'function', function: { name: 'read_page', description: 'Reads a page.', parameters } },
];

for (const dialect of ['anthropic', 'gemini'] as const) {
  test(`${dialect}: each tool name is declared once, the first declaration kept, and the one that differed is reported`, async () => {
    harness.upstreams[dialect].enqueue(upstreamScenarios[dialect].text.reply);
    const { response } = await client.chat.completions
      .create({ model: modelFor(dialect), messages: [{ role: 'user', content: 'Find the release notes.' }], tools, tool_choice: { type: 'function', function: { name: 'search' } } })
      .withResponse();
    assert.deepEqual(harness.upstreams[dialect].takeRefusals(), []);
    const body = harness.upstreams[dialect].requests[0]?.body as Record<string, unknown>;
    const declared =
      dialect === 'anthropic'
        ? (body['tools'] as Array<{ name: string; description: string }>)
        : (body['tools'] as Array<{ functionDeclarations: Array<{ name: string; description: string }> }>).flatMap((tool) => tool.functionDeclarations);
    assert.deepEqual(
      declared.map((tool) => [tool.name, tool.description]),
      [
        ['search', 'Searches the wiki.'],
        ['read_page', 'Reads a page.'],
      ],
    );
    const entries = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as WarningsHeaderEntry[];
    const duplicates = entries.filter((entry) => entry.feature === 'tools.duplicate');
    assert.deepEqual(duplicates.map((entry) => entry.type).sort(), ['compatibility', 'unsupported']);
    assert.match(duplicates.find((entry) => entry.type === 'unsupported')?.message ?? '', /for search the first declaration was sent/);
    assert.match(duplicates.find((entry) => entry.type === 'compatibility')?.message ?? '', /read_page, declared more than once the same way, was sent once/);
  });
}

test('openai-chat: OpenAI takes a name declared twice, so the declarations go as the caller wrote them', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  await client.chat.completions.create({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'Find the release notes.' }], tools });
  const body = harness.upstreams['openai-chat'].requests[0]?.body as { tools: Array<{ function: { name: string } }> };
  assert.deepEqual(
    body.tools.map((tool) => tool.function.name),
    ['search', 'read_page', 'search', 'read_page'],
  );
});
