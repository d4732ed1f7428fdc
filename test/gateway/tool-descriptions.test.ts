/**
 * Tool declarations a vendor refuses: OpenAI Chat Completions takes descriptions of at most 1024
 * characters and at most 128 tools (test/support/vendor-rules/openai-chat/tools.ts), while an
 * Anthropic caller (Claude Code with MCP servers) writes descriptions of several thousand and may
 * declare more; Bedrock Converse refuses an empty description (bedrock.ts), which Cline sends. The
 * test upstreams judge by those rules; the caller is the official Anthropic SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';

let openai: TestUpstream;
let bedrock: TestUpstream;
let gateway: Gateway;
let client: Anthropic;

before(async () => {
  openai = await new TestUpstream().start();
  bedrock = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      oa: { dialect: 'openai-chat', baseUrl: `${openai.baseUrl}/v1`, apiKey: 'sk-test' },
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrock.baseUrl, apiKey: 'bedrock-api-key-test' },
    },
    models: {
      gpt: [{ provider: 'oa', model: 'gpt-4o' }],
      bedrock: [{ provider: 'aws', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new Anthropic({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // All stop even when an upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), openai.stop(), bedrock.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => {
  openai.reset();
  bedrock.reset();
});

/** A description in the manner of a coding agent's shell tool: usage notes, paragraph after paragraph, and a character outside the BMP. */
const longDescription = Array.from(
  { length: 30 },
  (_, index) => `Note ${index + 1}: run the command in the project's directory, quote paths with spaces, and prefer the dedicated tools for reading files 📁.`,
).join('\n');
const schema = { type: 'object' as const, properties: { command: { type: 'string' } }, required: ['command'] };

interface ChatBody {
  messages: Array<{ role: string; content: unknown }>;
  tools: Array<{ function: { name: string; description?: string } }>;
}

test('OpenAI: a description over 1024 characters keeps its beginning, and the system prompt has it whole', async () => {
  assert.ok(longDescription.length > 3000);
  openai.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { response } = await client.messages
    .create({
      model: 'gpt',
      max_tokens: 256,
      system: 'You are a coding agent.',
      tools: [
        { name: 'Bash', description: longDescription, input_schema: schema },
        { name: 'Read', description: 'Reads a file.', input_schema: schema },
      ],
      messages: [{ role: 'user', content: 'List the files.' }],
    })
    .withResponse();
  const body = openai.requests[0]?.body as ChatBody;
  const [bash, read] = body.tools.map((tool) => tool.function);
  assert.ok(bash?.description !== undefined && [...bash.description].length <= 1024, bash?.description);
  assert.ok(bash.description.startsWith(longDescription.slice(0, 500)));
  assert.match(bash.description, /continued in the system prompt under "## Bash"/);
  assert.equal(read?.description, 'Reads a file.');
  const system = body.messages.filter((message) => message.role === 'system' || message.role === 'developer').map((message) => JSON.stringify(message.content)).join('\n');
  assert.ok(system.includes('You are a coding agent.'));
  assert.ok(system.includes(JSON.stringify(`## Bash\n\n${longDescription}`).slice(1, -1)), system.slice(0, 300));
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /tools\.description/);
});

test('Bedrock: an empty tool description is left out', async () => {
  bedrock.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  await client.messages.create({
    model: 'bedrock',
    max_tokens: 256,
    tools: [
      { name: 'focus_chain', description: '', input_schema: { type: 'object', properties: {} } },
      { name: 'Read', description: 'Reads a file.', input_schema: schema },
    ],
    messages: [{ role: 'user', content: 'Go on.' }],
  });
  const tools = (bedrock.requests[0]?.body as { toolConfig: { tools: Array<{ toolSpec: Record<string, unknown> }> } }).toolConfig.tools;
  assert.deepEqual(
    tools.map((tool) => tool.toolSpec['description']),
    [undefined, 'Reads a file.'],
  );
});

test('OpenAI: past 128 tools the first go, and the rest are named in a warning', async () => {
  openai.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
  const tools = Array.from({ length: 140 }, (_, index) => ({ name: `mcp__server_${Math.floor(index / 20)}__tool_${index}`, description: 'A tool.', input_schema: schema }));
  const { response } = await client.messages.create({ model: 'gpt', max_tokens: 256, tools, messages: [{ role: 'user', content: 'Go on.' }] }).withResponse();
  const body = openai.requests[0]?.body as ChatBody;
  assert.equal(body.tools.length, 128);
  assert.equal(body.tools[0]?.function.name, tools[0]?.name);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /tools\.count/);
});
