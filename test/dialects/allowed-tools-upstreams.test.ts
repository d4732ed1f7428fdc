/**
 * A tool choice limited to some tools (OpenAI `allowed_tools`) on the upstreams that have no such
 * list: Bedrock Converse takes a forced tool or the allowed tools alone, Ollama the allowed tools
 * alone; a text-only model told of tools is told of the allowed ones. The judges refuse a choice
 * naming a tool that is not declared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../src/dialects/bedrock/index.js';
import { ollamaDialect } from '../../src/dialects/ollama/index.js';
import { createOpenaiChatDialect, openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { emulatedRequest } from '../../src/tool-emulation/emulated-request.js';
import type { ToolFormat } from '../../src/tool-emulation/tool-format.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import { judgeRequest } from '../support/vendor-rules/index.js';

const claude = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const parameters = { type: 'object', properties: { q: { type: 'string' } } };
const chatTools = ['a', 'b', 'c'].map((name) => ({ type: 'function', function: { name, parameters } }));

function fromChat(mode: 'auto' | 'required', allowed: string[]): ChatRequest {
  const toolChoice = { type: 'allowed_tools', allowed_tools: { mode, tools: allowed.map((name) => ({ type: 'function', function: { name } })) } };
  return openaiChatDialect.parseRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: chatTools, tool_choice: toolChoice }, {}).request;
}

const bedrockJudged = (body: unknown, model = claude) => judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/converse`, headers: { authorization: 'Bearer k' }, body });
const toolConfigOf = (body: unknown) => (body as { toolConfig: { tools: Array<{ toolSpec: { name: string } }>; toolChoice?: unknown } }).toolConfig;

test('Bedrock: one allowed tool with required is that forced tool, every tool declared', () => {
  const emitted = bedrockDialect.emitRequest(fromChat('required', ['b']), { model: claude, defaultMaxOutputTokens: 1024 });
  const config = toolConfigOf(emitted.body);
  assert.deepEqual(config.toolChoice, { tool: { name: 'b' } });
  assert.deepEqual(config.tools.map((tool) => tool.toolSpec.name), ['a', 'b', 'c']);
  assert.equal(bedrockJudged(emitted.body), undefined);
});

test('Bedrock: two allowed tools are the tools declared, with `any` and a warning', () => {
  const emitted = bedrockDialect.emitRequest(fromChat('required', ['a', 'c']), { model: claude, defaultMaxOutputTokens: 1024 });
  const config = toolConfigOf(emitted.body);
  assert.deepEqual(config.toolChoice, { any: {} });
  assert.deepEqual(config.tools.map((tool) => tool.toolSpec.name), ['a', 'c']);
  assert.deepEqual(emitted.warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'tool_choice.allowed_tools']]);
  assert.equal(bedrockJudged(emitted.body), undefined);
});

test('the Bedrock judge refuses a forced tool that is not declared', () => {
  const body = { messages: [{ role: 'user', content: [{ text: 'hi' }] }], toolConfig: { tools: [{ toolSpec: { name: 'a', inputSchema: { json: parameters } } }], toolChoice: { tool: { name: 'z' } } } };
  assert.match(bedrockJudged(body)?.message ?? '', /Tool 'z' not found/);
});

test('the OpenAI judges refuse an allowed tool that is not declared', () => {
  const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], tools: chatTools, tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'z' } }] } } };
  assert.match(judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer k' }, body: chat })?.message ?? '', /Tool choice 'z' not found/);
  const responses = { model: 'gpt-5', input: 'hi', tools: [{ type: 'function', name: 'a', parameters }], tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'z' }] } };
  assert.match(judgeRequest({ method: 'POST', url: '/v1/responses', headers: { authorization: 'Bearer k' }, body: responses })?.message ?? '', /Tool choice 'z' not found/);
});

test('Ollama: the allowed tools are the tools declared; required is reported as unenforced', () => {
  const auto = ollamaDialect.emitRequest(fromChat('auto', ['a', 'b']), { model: 'llama3.2', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((auto.body as { tools: Array<{ function: { name: string } }> }).tools.map((tool) => tool.function.name), ['a', 'b']);
  assert.deepEqual(auto.warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'tool_choice.allowed_tools']]);
  const required = ollamaDialect.emitRequest(fromChat('required', ['c']), { model: 'llama3.2', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((required.body as { tools: Array<{ function: { name: string } }> }).tools.map((tool) => tool.function.name), ['c']);
  assert.deepEqual(required.warnings.map((warning) => warning.feature).sort(), ['tool_choice.allowed_tools', 'tool_choice.required']);
});

test('tool emulation tells the model of the allowed tools only', () => {
  const format = { instructions: (tools: ReadonlyArray<{ name: string }>) => tools.map((tool) => tool.name).join(','), stopSequences: [] } as unknown as ToolFormat;
  assert.deepEqual(emulatedRequest(fromChat('auto', ['c']), format).offeredTools.map((tool) => tool.name), ['c']);
});

test('a compatible service without allowed_tools gets the allowed tools declared, or the one forced by name', () => {
  const compatible = createOpenaiChatDialect({ allowedToolsChoice: false });
  const two = compatible.emitRequest(fromChat('required', ['a', 'c']), { model: 'deepseek-v4-pro', defaultMaxOutputTokens: 1024 });
  const body = two.body as { tools: Array<{ function: { name: string } }>; tool_choice: unknown };
  assert.deepEqual(body.tools.map((tool) => tool.function.name), ['a', 'c']);
  assert.equal(body.tool_choice, 'required');
  assert.deepEqual(two.warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'tool_choice.allowed_tools']]);
  const one = compatible.emitRequest(fromChat('required', ['b']), { model: 'deepseek-v4-pro', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((one.body as { tool_choice: unknown }).tool_choice, { type: 'function', function: { name: 'b' } });
  assert.equal((one.body as { tools: unknown[] }).tools.length, 3);
  const own = openaiChatDialect.emitRequest(fromChat('required', ['a', 'c']), { model: 'gpt-4o', defaultMaxOutputTokens: 1024 });
  assert.equal((own.body as { tool_choice: { type: string } }).tool_choice.type, 'allowed_tools');
});
