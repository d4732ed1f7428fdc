/**
 * A tool choice leaves with the tool it names: when a tool cannot reach the target (an Anthropic
 * server tool, an OpenAI custom tool), what each upstream receives is a choice it accepts, and the
 * caller is told. Callers are the official SDKs; the assertions read what the upstream received.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

type Body = Record<string, unknown>;
interface Entry {
  type: string;
  feature: string;
  tools?: string[];
}

/** Claude Code's web search: an Anthropic server tool that no other vendor gets. */
const webSearch: Anthropic.WebSearchTool20250305 = { type: 'web_search_20250305', name: 'web_search', max_uses: 5 };
const bash: Anthropic.Tool = {
  name: 'Bash',
  description: 'Run a shell command',
  input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
};

/** An Anthropic SDK call through the gateway to `target`; what the upstream received and the warnings the caller got. */
async function viaAnthropicSdk(target: DialectName, tools: Anthropic.ToolUnion[], toolChoice: Anthropic.ToolChoice): Promise<{ upstream: Body; warnings: Entry[] }> {
  harness.upstreams[target].enqueue(upstreamScenarios[target].text.reply);
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({ model: modelFor(target), max_tokens: 100, tools, tool_choice: toolChoice, messages: [{ role: 'user', content: 'What is new in Node 24?' }] })
    .withResponse();
  const upstream = harness.upstreams[target].requests[0]?.body as Body;
  assert.ok(upstream !== undefined, `${target} received the request`);
  return { upstream, warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Entry[] };
}

const choiceWarning = (warnings: Entry[]) => warnings.find((warning) => warning.feature === 'tool_choice.tool');

/** What each target received as tools and tool choice, in its own fields. */
const toolControls: Record<Exclude<DialectName, 'anthropic'>, (body: Body) => { tools: unknown; choice: unknown; parallel: unknown }> = {
  'openai-chat': (body) => ({ tools: body.tools, choice: body.tool_choice, parallel: body.parallel_tool_calls }),
  'openai-responses': (body) => ({ tools: body.tools, choice: body.tool_choice, parallel: body.parallel_tool_calls }),
  gemini: (body) => ({ tools: body.tools, choice: (body.toolConfig as Body | undefined)?.functionCallingConfig, parallel: undefined }),
  ollama: (body) => ({ tools: body.tools, choice: body.tool_choice, parallel: body.parallel_tool_calls }),
};

/** The choice "auto" as each target spells it (Ollama has no tool choice at all). */
const autoChoice: Record<Exclude<DialectName, 'anthropic'>, unknown> = {
  'openai-chat': 'auto',
  'openai-responses': 'auto',
  gemini: { mode: 'AUTO' },
  ollama: undefined,
};

describe('Claude Code forcing its web_search server tool, routed to another vendor', () => {
  for (const target of ['openai-chat', 'openai-responses', 'gemini', 'ollama'] as const) {
    test(`${target}: the only tool is dropped, so no tool choice and no parallel setting are sent`, async () => {
      const { upstream, warnings } = await viaAnthropicSdk(target, [webSearch], { type: 'tool', name: 'web_search', disable_parallel_tool_use: true });
      assert.deepEqual(toolControls[target](upstream), { tools: undefined, choice: undefined, parallel: undefined });
      assert.equal(upstream.toolConfig, undefined);
      assert.deepEqual(choiceWarning(warnings)?.tools, ['web_search'], JSON.stringify(warnings));
    });

    test(`${target}: beside other tools, the choice naming the dropped one becomes auto`, async () => {
      const { upstream, warnings } = await viaAnthropicSdk(target, [bash, webSearch], { type: 'tool', name: 'web_search' });
      const sent = toolControls[target](upstream);
      assert.equal(Array.isArray(sent.tools) && sent.tools.length, 1, JSON.stringify(sent.tools));
      assert.deepEqual(sent.choice, autoChoice[target]);
      assert.deepEqual(choiceWarning(warnings)?.tools, ['web_search'], JSON.stringify(warnings));
    });

    test(`${target}: "any" with no tool left is dropped with a warning`, async () => {
      const { upstream, warnings } = await viaAnthropicSdk(target, [webSearch], { type: 'any' });
      assert.deepEqual(toolControls[target](upstream), { tools: undefined, choice: undefined, parallel: undefined });
      assert.ok(warnings.some((warning) => warning.feature === 'tool_choice.required'), JSON.stringify(warnings));
    });
  }

  test('anthropic: the server tool goes through, and so does the choice naming it', async () => {
    const { upstream } = await viaAnthropicSdk('anthropic', [bash, webSearch], { type: 'tool', name: 'web_search' });
    assert.deepEqual(upstream.tool_choice, { type: 'tool', name: 'web_search' });
    assert.deepEqual((upstream.tools as Body[]).map((tool) => tool.name), ['Bash', 'web_search']);
  });
});

describe('an OpenAI custom tool, which Anthropic cannot take, named by the tool choice', () => {
  const applyPatch: OpenAI.ChatCompletionCustomTool = { type: 'custom', custom: { name: 'apply_patch', description: 'Apply a patch' } };
  const shell: OpenAI.ChatCompletionFunctionTool = {
    type: 'function',
    function: { name: 'shell', description: 'Run a command', parameters: { type: 'object', properties: { command: { type: 'string' } } } },
  };

  async function viaOpenaiSdk(tools: OpenAI.ChatCompletionTool[], toolChoice: OpenAI.ChatCompletionToolChoiceOption, parallel?: boolean) {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
    const { response } = await client.chat.completions
      .create({
        model: modelFor('anthropic'),
        tools,
        tool_choice: toolChoice,
        ...(parallel !== undefined ? { parallel_tool_calls: parallel } : {}),
        messages: [{ role: 'user', content: 'Fix the bug' }],
      })
      .withResponse();
    return { upstream: harness.upstreams.anthropic.requests[0]?.body as Body, warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Entry[] };
  }

  test('anthropic: the choice naming it becomes auto beside the tools that are sent', async () => {
    const { upstream, warnings } = await viaOpenaiSdk([shell, applyPatch], { type: 'function', function: { name: 'apply_patch' } }, false);
    assert.deepEqual((upstream.tools as Body[]).map((tool) => tool.name), ['shell']);
    assert.deepEqual(upstream.tool_choice, { type: 'auto', disable_parallel_tool_use: true });
    assert.deepEqual(choiceWarning(warnings)?.tools, ['apply_patch'], JSON.stringify(warnings));
  });

  test('anthropic: with no tool left, neither tools nor a tool choice are sent', async () => {
    const { upstream, warnings } = await viaOpenaiSdk([applyPatch], 'required', false);
    assert.equal(upstream.tools, undefined);
    assert.equal(upstream.tool_choice, undefined);
    assert.ok(warnings.some((warning) => warning.feature === 'tool_choice.required'), JSON.stringify(warnings));
  });
});
