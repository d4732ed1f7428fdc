/**
 * An image a tool returns (Claude Code's Read of a screenshot) reaches upstreams whose tool results
 * carry no images: OpenAI Chat and Ollama get it in a user message right after the tool messages, Gemini 2.x as
 * an `inlineData` part after the function response (Gemini 3 inside it: test/dialects/gemini/tool-result-images.test.ts).
 * The other way, a Gemini 3 caller's image in `functionResponse.parts` reaches Anthropic inside the
 * tool_result. Callers are the official SDKs; the assertions read what each upstream received.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
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
}

/** A 1×1 PNG, the bytes the upstream must receive. */
const pngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const readTool: Anthropic.Tool = {
  name: 'Read',
  description: 'Read a file',
  input_schema: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] },
};
const conversation: Anthropic.MessageParam[] = [
  { role: 'user', content: 'What does screenshot.png show?' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: 'screenshot.png' } }] },
  {
    role: 'user',
    content: [
      {
        type: 'tool_result',
        tool_use_id: 'toolu_01',
        content: [
          { type: 'text', text: 'screenshot.png (1×1)' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } },
        ],
      },
    ],
  },
];

async function send(target: DialectName): Promise<{ upstream: Body; warnings: Entry[] }> {
  harness.upstreams[target].enqueue(upstreamScenarios[target].text.reply);
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages.create({ model: modelFor(target), max_tokens: 100, tools: [readTool], messages: conversation }).withResponse();
  const upstream = harness.upstreams[target].requests[0]?.body as Body | undefined;
  assert.ok(upstream !== undefined, `${target} received the request`);
  return { upstream, warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Entry[] };
}

const imageWarning = (warnings: Entry[]) => warnings.find((warning) => warning.feature === 'tool_result.image');

describe('an image in an Anthropic tool_result reaches upstreams whose tool results are text only', () => {
  test('openai-chat: the tool message keeps the text, a user message right after it carries the image', async () => {
    const { upstream, warnings } = await send('openai-chat');
    const messages = upstream.messages as Body[];
    assert.deepEqual(messages.slice(-2), [
      { role: 'tool', tool_call_id: 'toolu_01', content: 'screenshot.png (1×1)' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Images returned by tool call "toolu_01" (Read):' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${pngBase64}` } },
        ],
      },
    ]);
    assert.equal(imageWarning(warnings)?.type, 'compatibility', JSON.stringify(warnings));
  });

  test('gemini (2.5): the image follows the function response as inlineData in the same user turn', async () => {
    const { upstream, warnings } = await send('gemini');
    const contents = upstream.contents as Array<{ role: string; parts: Body[] }>;
    const last = contents.at(-1);
    assert.equal(last?.role, 'user');
    assert.deepEqual(last?.parts, [
      { functionResponse: { name: 'Read', response: { output: 'screenshot.png (1×1)' }, id: 'toolu_01' } },
      { text: 'Images returned by the function "Read":' },
      { inlineData: { mimeType: 'image/png', data: pngBase64 } },
    ]);
    assert.equal(imageWarning(warnings)?.type, 'compatibility', JSON.stringify(warnings));
  });
  test('ollama: the tool message keeps the text, a user message right after it carries the image', async () => {
    const { upstream, warnings } = await send('ollama');
    const messages = upstream.messages as Body[];
    assert.deepEqual(messages.slice(-2), [
      { role: 'tool', content: 'screenshot.png (1×1)', tool_name: 'Read', tool_call_id: 'toolu_01' },
      { role: 'user', content: 'An image returned by tool call "toolu_01" (Read).', images: [pngBase64] },
    ]);
    assert.equal(imageWarning(warnings)?.type, 'compatibility', JSON.stringify(warnings));
  });
});

describe('an image in a Gemini functionResponse.parts reaches other vendors', () => {
  test('anthropic: the tool_result holds the text and the image', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
    await ai.models.generateContent({
      model: modelFor('anthropic'),
      contents: [
        { role: 'user', parts: [{ text: 'What does screenshot.png show?' }] },
        { role: 'model', parts: [{ functionCall: { id: 'call_1', name: 'read_file', args: { path: 'screenshot.png' } } }] },
        {
          role: 'user',
          parts: [{ functionResponse: { id: 'call_1', name: 'read_file', response: { output: 'screenshot.png' }, parts: [{ inlineData: { mimeType: 'image/png', data: pngBase64 } }] } }],
        },
      ],
      config: { tools: [{ functionDeclarations: [{ name: 'read_file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } } } }] }] },
    });
    const upstream = harness.upstreams.anthropic.requests[0]?.body as { messages: Array<{ role: string; content: Body[] }> } | undefined;
    assert.deepEqual(upstream?.messages.at(-1), {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'call_1',
          content: [
            { type: 'text', text: 'screenshot.png' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } },
          ],
        },
      ],
    });
  });
});

describe('an image in a Responses function_call_output reaches OpenAI Chat', () => {
  test('openai-chat: the input_image follows the tool message in a user message', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
    await client.responses.create({
      model: modelFor('openai-chat'),
      tools: [{ type: 'function', name: 'view_image', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: false }],
      input: [
        { role: 'user', content: 'Describe chart.png' },
        { type: 'function_call', call_id: 'call_1', name: 'view_image', arguments: '{"path":"chart.png"}' },
        { type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_image', image_url: `data:image/png;base64,${pngBase64}`, detail: 'auto' }] },
      ],
    });
    const messages = (harness.upstreams['openai-chat'].requests[0]?.body as { messages: Body[] } | undefined)?.messages;
    assert.deepEqual(messages?.slice(-2), [
      { role: 'tool', tool_call_id: 'call_1', content: 'The tool returned an image; it follows in the next user message.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Images returned by tool call "call_1" (view_image):' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${pngBase64}`, detail: 'auto' } },
        ],
      },
    ]);
  });
});
