/**
 * The Anthropic judge: each rule refuses the request it names, with Anthropic's wording, and stays
 * quiet on a good one; every request Anthropic really served (test/fixtures/recorded/anthropic)
 * passes them all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anthropicJudge } from '../support/vendor-rules/anthropic.js';
import { applyJudge, type JudgedRequest } from '../support/vendor-rules/rule.js';
import { PNG } from 'pngjs';

const recordedDirectory = join(process.cwd(), 'test/fixtures/recorded/anthropic');
const headers = { 'anthropic-version': '2023-06-01' };

function judged(body: unknown, extra: Partial<JudgedRequest> = {}): JudgedRequest {
  return { method: 'POST', url: '/v1/messages', headers, body, ...extra };
}

const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const toolUse = (id: string, name = 'get_weather') => ({ type: 'tool_use', id, name, input: { city: 'Paris' } });
const toolResult = (id: string) => ({ type: 'tool_result', tool_use_id: id, content: 'sunny' });
const weatherTool = { name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };
const signedThinking = { type: 'thinking', thinking: 'Checking the weather.', signature: 'EqQBCkYIBxgCKkA' };
const base = { model: 'claude-sonnet-4-20250514', max_tokens: 2048, messages: [user('Hello')] };
/** A black PNG of the given size, as base64 (`padding` zero bytes after it make it heavier, as trailing data PNG readers skip). */
const pngOf = (width: number, height: number, padding = 0) => Buffer.concat([PNG.sync.write(new PNG({ width, height })), Buffer.alloc(padding)]).toString('base64');
const imageBlock = (data: string) => ({ type: 'image', source: { type: 'base64', media_type: 'image/png', data } });
const tallPng = pngOf(300, 8001);
const widePng = pngOf(2001, 100);
const fitPng = pngOf(2000, 100);
const heavyPng = pngOf(10, 10, 4 * 1024 * 1024);
/** A one-pixel PNG. */
const pngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const thinking = { type: 'enabled', budget_tokens: 1024 };
const toolTurn = (opening: unknown[]) => [user('Weather in Paris?'), assistant([...opening, toolUse('toolu_01A')]), user([toolResult('toolu_01A')])];

/** An object schema of these properties, closed as Anthropic's structured output requires. */
const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, additionalProperties: false, ...extra });

interface Case {
  rule: string;
  bad: JudgedRequest;
  /** The same request with the rule kept, when `base` alone would not show the rule stays quiet on its subject. */
  good?: JudgedRequest;
  message?: RegExp;
}

const cases: Case[] = [
  { rule: 'anthropic.max_tokens.required', bad: judged({ ...base, max_tokens: undefined }), message: /^max_tokens: Field required$/ },
  { rule: 'anthropic.max_tokens.minimum', bad: judged({ ...base, max_tokens: 0 }) },
  { rule: 'anthropic.messages.required', bad: judged({ ...base, messages: [] }) },
  { rule: 'anthropic.messages.shape', bad: judged({ ...base, messages: ['Invalid content'] }), message: /^messages\.0: Input does not match the expected shape\.$/ },
  { rule: 'anthropic.messages.system-role', bad: judged({ ...base, messages: [{ role: 'system', content: 'Be brief.' }, user('Hi')] }), message: /Unexpected role "system"/ },
  { rule: 'anthropic.messages.role', bad: judged({ ...base, messages: [{ role: 'tool', content: 'x' }] }) },
  { rule: 'anthropic.temperature.range', bad: judged({ ...base, temperature: 1.5 }), good: judged({ ...base, temperature: 1 }) },
  { rule: 'anthropic.stop_sequences.strings', bad: judged({ ...base, stop_sequences: ['END', 7] }), good: judged({ ...base, stop_sequences: ['END'] }) },
  { rule: 'anthropic.stop_sequences.non-whitespace', bad: judged({ ...base, stop_sequences: ['END', '\n'] }), good: judged({ ...base, stop_sequences: ['END', '\nHuman:'] }) },
  { rule: 'anthropic.stop_sequences.non-whitespace', bad: judged({ ...base, stop_sequences: [''] }), good: judged({ ...base, stop_sequences: [' END '] }) },
  { rule: 'anthropic.metadata.user_id', bad: judged({ ...base, metadata: { user_id: 'u'.repeat(257) } }), good: judged({ ...base, metadata: { user_id: 'user-1' } }) },
  {
    rule: 'anthropic.metadata.user_id-email',
    bad: judged({ ...base, metadata: { user_id: 'alice@example.com' } }),
    good: judged({ ...base, metadata: { user_id: 'ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976' } }),
    message: /^metadata\.user_id: user_id appears to contain an email address\. Please send a uuid or hash value/,
  },
  {
    rule: 'anthropic.system.non-whitespace',
    bad: judged({ ...base, system: '  \n' }),
    good: judged({ ...base, system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Answer in French.' }] }),
    message: /^system: text content blocks must contain non-whitespace text$/,
  },
  { rule: 'anthropic.system.non-whitespace', bad: judged({ ...base, system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: ' ', cache_control: { type: 'ephemeral' } }] }) },
  {
    rule: 'anthropic.text.cache-control-on-empty',
    bad: judged({ ...base, system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: '', cache_control: { type: 'ephemeral' } }] }),
    good: judged({ ...base, system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }] }),
    message: /^system\.1\.text: cache_control cannot be set for empty text blocks$/,
  },
  { rule: 'anthropic.service_tier.values', bad: judged({ ...base, service_tier: 'priority' }), good: judged({ ...base, service_tier: 'standard_only' }) },
  { rule: 'anthropic.text.non-empty', bad: judged({ ...base, messages: [user([{ type: 'text', text: '' }])] }), message: /^messages: text content blocks must be non-empty$/ },
  { rule: 'anthropic.text.non-empty', bad: judged({ ...base, messages: [user('Hi'), assistant('')] }) },
  {
    rule: 'anthropic.text.non-whitespace',
    bad: judged({ ...base, messages: [user('Hi'), assistant([{ type: 'text', text: '\n\n' }, toolUse('toolu_01A')]), user([toolResult('toolu_01A')])], tools: [weatherTool] }),
    good: judged({ ...base, messages: [user([{ type: 'text', text: ' ' }, { type: 'text', text: 'Hi' }])] }),
    message: /^messages: text content blocks must contain non-whitespace text$/,
  },
  { rule: 'anthropic.text.non-whitespace', bad: judged({ ...base, messages: [user('  '), assistant('Yes?'), user('Hi')] }) },
  {
    rule: 'anthropic.prefill.trailing-whitespace',
    bad: judged({ ...base, messages: [user('Write a list.'), assistant('Here is the list:\n')] }),
    good: judged({ ...base, messages: [user('Write a list.'), assistant('Here is the list:'), user('Go on.\n')] }),
    message: /^messages: final assistant content cannot end with trailing whitespace$/,
  },
  {
    rule: 'anthropic.image.media-type',
    bad: judged({ ...base, messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/heic', data: 'AAAA' } }])] }),
    good: judged({ ...base, messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'AAAA' } }])] }),
  },
  {
    rule: 'anthropic.image.data-matches-media-type',
    bad: judged({ ...base, messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: pngBase64 } }])] }),
    good: judged({ ...base, messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } }])] }),
    message: /^messages\.0\.content\.0\.image\.source\.base64\.data: Image does not match the provided media type image\/jpeg$/,
  },
  { rule: 'anthropic.image.base64-data', bad: judged({ ...base, messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'data:image/png;base64,AAAA' } }])] }) },
  {
    rule: 'anthropic.image.count',
    bad: judged({ ...base, messages: [user(Array.from({ length: 101 }, () => ({ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } })))] }),
    good: judged({ ...base, messages: [user(Array.from({ length: 100 }, () => ({ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } })))] }),
  },
  {
    // A model with a 1M-token context window takes 600.
    rule: 'anthropic.image.count',
    bad: judged({ ...base, model: 'claude-opus-4-6', messages: [user(Array.from({ length: 601 }, () => ({ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } })))] }),
    good: judged({ ...base, model: 'claude-opus-4-6', messages: [user(Array.from({ length: 600 }, () => ({ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } })))] }),
    message: /^messages: Too many images: 601; at most 600 images are allowed per request$/,
  },
  {
    rule: 'anthropic.image.dimensions',
    bad: judged({ ...base, messages: [user([imageBlock(tallPng)])] }),
    good: judged({ ...base, messages: [user([imageBlock(widePng), imageBlock(pngOf(8000, 10))])] }),
    message: /^messages\.0\.content\.0\.image\.source\.base64\.data: At least one of the image dimensions exceed max allowed size: 8000 pixels$/,
  },
  {
    // Past 20 images, every one must be within 2000 px: the 21st (index 20) is the one that is not.
    rule: 'anthropic.image.dimensions',
    bad: judged({ ...base, messages: [user([...Array.from({ length: 20 }, () => imageBlock(fitPng)), imageBlock(widePng)])] }),
    good: judged({ ...base, messages: [user([...Array.from({ length: 19 }, () => imageBlock(fitPng)), imageBlock(widePng)])] }),
    message: /^messages\.0\.content\.20\.image\.source\.base64\.data: At least one of the image dimensions exceed max allowed size for many-image requests: 2000 pixels$/,
  },
  {
    rule: 'anthropic.image.size',
    bad: judged({ ...base, messages: [user([imageBlock(heavyPng)])] }),
    good: judged({ ...base, messages: [user([imageBlock(fitPng)])] }),
    message: new RegExp(`^messages\\.0\\.content\\.0\\.image\\.source\\.base64: image exceeds 5 MB maximum: ${heavyPng.length} bytes > 5242880 bytes$`),
  },
  { rule: 'anthropic.tools.name-pattern', bad: judged({ ...base, tools: [{ ...weatherTool, name: 'caldav.list-events' }] }), good: judged({ ...base, tools: [weatherTool, { type: 'web_search_20250305', name: 'web_search' }] }) },
  { rule: 'anthropic.tools.unique-names', bad: judged({ ...base, tools: [weatherTool, weatherTool] }), message: /^tools: Tool names must be unique\.$/ },
  { rule: 'anthropic.tools.input-schema-object', bad: judged({ ...base, tools: [{ ...weatherTool, input_schema: { type: 'string' } }] }) },
  { rule: 'anthropic.tools.input-schema-combinators', bad: judged({ ...base, tools: [{ ...weatherTool, input_schema: { type: 'object', anyOf: [{ required: ['city'] }] } }] }) },
  {
    rule: 'anthropic.tool_choice.declared-tool',
    bad: judged({ ...base, tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_time' } }),
    good: judged({ ...base, tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_weather' } }),
    message: /^Tool 'get_time' not found in provided tools$/,
  },
  { rule: 'anthropic.tool_choice.declared-tool', bad: judged({ ...base, tool_choice: { type: 'tool', name: 'get_weather' } }) },
  { rule: 'anthropic.tool_choice.any-needs-tools', bad: judged({ ...base, tool_choice: { type: 'any' } }), good: judged({ ...base, tools: [weatherTool], tool_choice: { type: 'any' } }) },
  {
    rule: 'anthropic.output_config.schema-subset',
    bad: judged({ ...base, output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { city: { type: 'string' } } } } } }),
    good: judged({ ...base, output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false } } } }),
    message: /^output_config\.format\.schema: For 'object' type, 'additionalProperties' must be explicitly set to false$/,
  },
  {
    rule: 'anthropic.output_config.schema-subset',
    bad: judged({ ...base, output_config: { format: { type: 'json_schema', schema: closed({ age: { type: 'integer', minimum: 0 } }) } } }),
    good: judged({ ...base, output_config: { format: { type: 'json_schema', schema: closed({ age: { type: 'integer' } }) } } }),
    message: /^output_config\.format\.schema: For 'integer' type, property 'minimum' is not supported$/,
  },
  {
    rule: 'anthropic.output_config.schema-subset',
    bad: judged({ ...base, output_format: { type: 'json_schema', schema: closed({ score: { type: ['number', 'null'], minimum: 0, maximum: 1 } }) } }),
    message: /^output_format\.schema: For 'number' type, properties maximum, minimum are not supported$/,
  },
  {
    rule: 'anthropic.output_config.schema-subset',
    bad: judged({ ...base, output_config: { format: { type: 'json_schema', schema: closed({ tags: { type: 'array', items: { type: 'string' }, minItems: 2 } }) } } }),
    good: judged({ ...base, output_config: { format: { type: 'json_schema', schema: closed({ tags: { type: 'array', items: { type: 'string' }, minItems: 1 } }) } } }),
    message: /'minItems' values other than 0 or 1 are not supported$/,
  },
  {
    rule: 'anthropic.output_config.schema-subset',
    bad: judged({ ...base, output_config: { format: { type: 'json_schema', schema: closed({ tags: { type: 'array', items: closed({ name: { type: 'string' } }), maxItems: 3 } }) } } }),
    message: /For 'array' type, property 'maxItems' is not supported$/,
  },
  {
    rule: 'anthropic.output_config.schema-subset',
    bad: judged({ ...base, output_config: { format: { type: 'json_schema', schema: closed({ kind: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }) } } }),
    good: judged({ ...base, output_config: { format: { type: 'json_schema', schema: closed({ kind: { anyOf: [{ type: 'string' }, { type: 'integer' }] } }) } } }),
    message: /Schema type 'oneOf' is not supported$/,
  },
  {
    rule: 'anthropic.output_config.no-prefill',
    bad: judged({ ...base, messages: [user('Describe Ada.'), assistant('Ada was')], output_config: { format: { type: 'json_schema', schema: closed({ name: { type: 'string' } }) } } }),
    good: judged({ ...base, messages: [user('Describe Ada.'), assistant('Ada was'), user('Continue.')], output_config: { format: { type: 'json_schema', schema: closed({ name: { type: 'string' } }) } } }),
    message: /^Your API request included an `assistant` message in the final position, which would pre-fill the `assistant` response\. When using output format, pre-filling the `assistant` response is not supported\.$/,
  },
  {
    rule: 'anthropic.tools.no-prefill',
    bad: judged({ ...base, model: 'claude-3-5-haiku-20241022', tools: [weatherTool], messages: [user('Weather in Paris?'), assistant('Let me check')] }),
    good: judged({ ...base, model: 'claude-3-5-haiku-20241022', messages: [user('Weather in Paris?'), assistant('Let me check')] }),
    message: /^Your API request included an `assistant` message in the final position, which would pre-fill the `assistant` response\. When using tools, pre-filling the `assistant` response is not supported\.$/,
  },
  {
    rule: 'anthropic.tools.no-prefill',
    bad: judged({ ...base, tools: [weatherTool], messages: [user('Weather in Paris?'), assistant([toolUse('toolu_01A')])] }),
    good: judged({ ...base, tools: [weatherTool], messages: toolTurn([]) }),
  },
  {
    rule: 'anthropic.tool_use.id-pattern',
    bad: judged({ ...base, tools: [weatherTool], messages: [user('Hi'), assistant([toolUse('call.1')]), user([toolResult('call.1')])] }),
    message: /^messages\.1\.content\.0\.tool_use\.id: String should match pattern/,
  },
  {
    rule: 'anthropic.tool_use.input-dictionary',
    bad: judged({ ...base, tools: [weatherTool], messages: [user('Hi'), assistant([{ ...toolUse('toolu_1'), input: '{"city":' }]), user([toolResult('toolu_1')])] }),
    good: judged({ ...base, tools: [weatherTool], messages: [user('Hi'), assistant([toolUse('toolu_1')]), user([toolResult('toolu_1')])] }),
    message: /^messages\.1\.content\.0\.tool_use\.input: Input should be a valid dictionary$/,
  },
  {
    rule: 'anthropic.tool_use.unique-ids',
    bad: judged({ ...base, tools: [weatherTool], messages: [user('Hi'), assistant([toolUse('toolu_1'), toolUse('toolu_1')]), user([toolResult('toolu_1')])] }),
  },
  {
    rule: 'anthropic.tool_result.single-per-tool_use',
    bad: judged({ ...base, tools: [weatherTool], messages: [user('Hi'), assistant([toolUse('toolu_01A')]), user([toolResult('toolu_01A'), toolResult('toolu_01A')])] }),
    good: judged({ ...base, tools: [weatherTool], messages: toolTurn([]) }),
    message: /^messages\.2\.content\.1: each tool_use must have a single result\. Found multiple `tool_result` blocks with id: toolu_01A$/,
  },
  {
    rule: 'anthropic.tool_result.follows-tool_use',
    bad: judged({ ...base, tools: [weatherTool], messages: [user('Hi'), assistant([toolUse('toolu_01A')]), user('And tomorrow?')] }),
    good: judged({ ...base, tools: [weatherTool], messages: toolTurn([]) }),
    message: /^messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A\./,
  },
  {
    rule: 'anthropic.tool_result.follows-tool_use',
    bad: judged({ ...base, tools: [weatherTool], messages: [user('Hi'), assistant([toolUse('toolu_01A')]), user([{ type: 'text', text: 'Here:' }, toolResult('toolu_01A')])] }),
    message: /^messages\.2: Did not find 1 `tool_result` block\(s\) at the beginning of this message\./,
  },
  {
    rule: 'anthropic.tool_result.known-id',
    bad: judged({ ...base, messages: [user([toolResult('toolu_01Z')])] }),
    message: /^messages\.0\.content\.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01Z\./,
  },
  { rule: 'anthropic.thinking.budget-minimum', bad: judged({ ...base, thinking: { type: 'enabled', budget_tokens: 512 } }), good: judged({ ...base, thinking }) },
  {
    rule: 'anthropic.thinking.budget-below-max-tokens',
    bad: judged({ ...base, max_tokens: 1024, thinking }),
    good: judged({ ...base, max_tokens: 1024, thinking }, { headers: { ...headers, 'anthropic-beta': 'interleaved-thinking-2025-05-14' } }),
  },
  { rule: 'anthropic.thinking.temperature', bad: judged({ ...base, thinking, temperature: 0.5 }), good: judged({ ...base, thinking, temperature: 1 }) },
  { rule: 'anthropic.thinking.temperature', bad: judged({ ...base, thinking: { type: 'adaptive' }, temperature: 0.5 }), good: judged({ ...base, thinking: { type: 'adaptive' } }) },
  { rule: 'anthropic.thinking.top_k', bad: judged({ ...base, thinking, top_k: 40 }), good: judged({ ...base, top_k: 40 }) },
  { rule: 'anthropic.thinking.top_p', bad: judged({ ...base, thinking, top_p: 0.9 }), good: judged({ ...base, thinking, top_p: 0.95 }) },
  {
    rule: 'anthropic.thinking.forced-tool-choice',
    bad: judged({ ...base, thinking, tools: [weatherTool], tool_choice: { type: 'any' } }),
    good: judged({ ...base, thinking: { type: 'adaptive' }, tools: [weatherTool], tool_choice: { type: 'any' } }),
    message: /^Thinking may not be enabled when tool_choice forces tool use\.$/,
  },
  {
    rule: 'anthropic.thinking.signed-blocks',
    bad: judged({ ...base, messages: [user('Hi'), assistant([{ type: 'thinking', thinking: 'Hmm.' }, { type: 'text', text: 'Hello' }]), user('Again')] }),
    message: /^messages\.1\.content\.0\.thinking\.signature: Field required$/,
  },
  {
    rule: 'anthropic.thinking.tool-turn-opens-with-thinking',
    bad: judged({ ...base, thinking, tools: [weatherTool], messages: toolTurn([{ type: 'text', text: 'Let me check.' }]) }),
    good: judged({ ...base, thinking, tools: [weatherTool], messages: toolTurn([signedThinking]) }),
    message: /^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `text`\./,
  },
  {
    rule: 'anthropic.thinking.blocks-open-their-message',
    bad: judged({ ...base, thinking, messages: [user('Hi'), assistant([{ type: 'text', text: 'Hello' }, signedThinking]), user('Again')] }),
    good: judged({ ...base, thinking, messages: [user('Hi'), assistant([signedThinking, { type: 'text', text: 'Hello' }]), user('Again')] }),
    message: /^messages\.1\.content\.0: If an assistant message contains any thinking blocks, the first block must be `thinking` or `redacted_thinking`\. Found `text`\.$/,
  },
  {
    rule: 'anthropic.thinking.prefill-opens-with-thinking',
    bad: judged({ ...base, thinking, messages: [user('Tell a story.'), assistant('Once upon a time')] }),
    good: judged({ ...base, thinking, messages: [user('Tell a story.'), assistant([signedThinking, { type: 'text', text: 'Once upon a time' }])] }),
    message: /^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `text`\. When `thinking` is enabled, a final `assistant` message must start with a thinking block\./,
  },
  {
    rule: 'anthropic.thinking.none-in-final-message-when-off',
    bad: judged({ ...base, messages: [user('Tell a story.'), assistant([signedThinking, { type: 'text', text: 'Once upon a time' }])] }),
    good: judged({ ...base, messages: [user('Tell a story.'), assistant('Once upon a time')] }),
    message: /^messages\.1\.content\.0: When thinking is disabled, an `assistant` message in the final position cannot contain `thinking`\./,
  },
  {
    rule: 'anthropic.thinking.no-cache-control',
    bad: judged({ ...base, thinking, messages: [user('Hi'), assistant([{ ...signedThinking, cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Hello' }]), user('Again')] }),
    good: judged({ ...base, thinking, messages: [user('Hi'), assistant([signedThinking, { type: 'text', text: 'Hello', cache_control: { type: 'ephemeral' } }]), user('Again')] }),
    message: /^messages\.1\.content\.0\.thinking\.cache_control: Extra inputs are not permitted$/,
  },
  {
    rule: 'anthropic.thinking.no-cache-control',
    bad: judged({ ...base, thinking, messages: [user('Hi'), assistant([{ type: 'redacted_thinking', data: 'EmwKAhgBEgy', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Hello' }]), user('Again')] }),
    message: /^messages\.1\.content\.0\.redacted_thinking\.cache_control: Extra inputs are not permitted$/,
  },
  {
    rule: 'anthropic.cache_control.max-breakpoints',
    bad: judged({ ...base, messages: [user(Array.from({ length: 5 }, (_, index) => ({ type: 'text', text: `part ${index}`, cache_control: { type: 'ephemeral' } })))] }),
    good: judged({ ...base, messages: [user(Array.from({ length: 4 }, (_, index) => ({ type: 'text', text: `part ${index}`, cache_control: { type: 'ephemeral' } })))] }),
    message: /^A maximum of 4 blocks with cache_control may be provided\. Found 5\.$/,
  },
  {
    rule: 'anthropic.cache_control.max-breakpoints',
    // The request-level breakpoint takes one of the four slots.
    bad: judged({ ...base, cache_control: { type: 'ephemeral' }, messages: [user(Array.from({ length: 4 }, (_, index) => ({ type: 'text', text: `part ${index}`, cache_control: { type: 'ephemeral' } })))] }),
    good: judged({ ...base, cache_control: { type: 'ephemeral' }, messages: [user(Array.from({ length: 3 }, (_, index) => ({ type: 'text', text: `part ${index}`, cache_control: { type: 'ephemeral' } })))] }),
    message: /^A maximum of 4 blocks with cache_control may be provided\. Found 5\.$/,
  },
  {
    rule: 'anthropic.cache_control.ttl-order',
    bad: judged({ ...base, tools: [{ ...weatherTool, cache_control: { type: 'ephemeral' } }], system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '1h' } }] }),
    good: judged({ ...base, tools: [{ ...weatherTool, cache_control: { type: 'ephemeral', ttl: '1h' } }], system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }] }),
    message: /^system\.0\.cache_control\.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block\./,
  },
  { rule: 'anthropic.version.header', bad: judged(base, { headers: {} }), message: /^anthropic-version: header is required$/ },
];

for (const { rule, bad, good, message } of cases) {
  test(`${rule} refuses what it names and passes the good request`, () => {
    const refusal = applyJudge(anthropicJudge, bad);
    assert.equal(refusal?.rule, rule, `expected ${rule}, got ${refusal?.rule ?? 'no refusal'}: ${refusal?.message ?? ''}`);
    assert.equal(refusal.status, 400);
    assert.deepEqual(refusal.body, { type: 'error', error: { type: 'invalid_request_error', message: refusal.message }, request_id: 'req_test_upstream' });
    if (message !== undefined) assert.match(refusal.message, message);
    assert.equal(applyJudge(anthropicJudge, good ?? judged(base))?.message, undefined);
  });
}

test('every rule of the Anthropic judge has a case here', () => {
  const covered = new Set(cases.map((entry) => entry.rule));
  assert.deepEqual(anthropicJudge.rules.map((rule) => rule.id).filter((id) => !covered.has(id)), []);
  for (const rule of anthropicJudge.rules) assert.ok(rule.source.length > 0, `${rule.id} cites a source`);
});

/**
 * Served by claude-3-opus in 2024 although its tool result answers another id than the call's;
 * Anthropic has since refused that ("unexpected `tool_use_id` found in `tool_result` blocks", reported
 * from 2025 on: anthropics/claude-code#13460, #18947), so today's judge refuses it too.
 */
const servedBeforeIdPairing = 'dd-stream-tool-result-followup.request.json';

test('every request Anthropic served in the recordings passes every rule', () => {
  const files = readdirSync(recordedDirectory).filter((name) => name.endsWith('.request.json') && name !== 'dd-error-400.request.json' && name !== servedBeforeIdPairing);
  assert.ok(files.length >= 20);
  for (const name of files) {
    const body: unknown = JSON.parse(readFileSync(join(recordedDirectory, name), 'utf8'));
    assert.equal(applyJudge(anthropicJudge, judged(body))?.message, undefined, name);
  }
});

test('the 2024 recording whose tool result answers another id is refused as Anthropic refuses it now', () => {
  const body: unknown = JSON.parse(readFileSync(join(recordedDirectory, servedBeforeIdPairing), 'utf8'));
  assert.equal(applyJudge(anthropicJudge, judged(body))?.rule, 'anthropic.tool_result.follows-tool_use');
});

test('the recorded refused request is refused with the recorded message', () => {
  const body: unknown = JSON.parse(readFileSync(join(recordedDirectory, 'dd-error-400.request.json'), 'utf8'));
  const recorded = JSON.parse(readFileSync(join(recordedDirectory, 'dd-error-400.response.json'), 'utf8')) as { error: { message: string } };
  assert.equal(applyJudge(anthropicJudge, judged(body))?.message, recorded.error.message);
});

test('a tool history without tools is served, as Anthropic has since 2025-02-27', () => {
  assert.equal(applyJudge(anthropicJudge, judged({ ...base, messages: toolTurn([]) })), undefined);
});

test('count_tokens is judged without max_tokens, by the same message rules', () => {
  const counting = { model: base.model, messages: [user('Hello')] };
  assert.equal(applyJudge(anthropicJudge, judged(counting, { url: '/v1/messages/count_tokens' })), undefined);
  assert.equal(applyJudge(anthropicJudge, judged({ ...counting, messages: [] }, { url: '/v1/messages/count_tokens' }))?.rule, 'anthropic.messages.required');
  assert.ok(anthropicJudge.judges(judged(counting, { url: '/v1/messages/count_tokens' })));
});

test('a tool loop with thinking needs the thinking block where the loop starts, not in every step', () => {
  const loop = [
    user('Weather in Paris, then Rome?'),
    assistant([signedThinking, toolUse('toolu_01A')]),
    user([toolResult('toolu_01A')]),
    assistant([toolUse('toolu_01B')]),
    user([toolResult('toolu_01B')]),
  ];
  assert.equal(applyJudge(anthropicJudge, judged({ ...base, thinking, tools: [weatherTool], messages: loop })), undefined);
  const unsigned = [loop[0], assistant([toolUse('toolu_01A')]), ...loop.slice(2)];
  const refusal = applyJudge(anthropicJudge, judged({ ...base, thinking, tools: [weatherTool], messages: unsigned }));
  assert.equal(refusal?.rule, 'anthropic.thinking.tool-turn-opens-with-thinking');
  assert.match(refusal.message, /^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`/);
});

test('consecutive turns of one role and an assistant first turn are served', () => {
  assert.equal(applyJudge(anthropicJudge, judged({ ...base, messages: [assistant('How can I help?'), user('Hi'), user('Are you there?')] })), undefined);
});
