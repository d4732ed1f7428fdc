/**
 * `renderChatPrompt` through real published templates (test/fixtures/chat-templates/README.md
 * names the source of each). One conversation (system prompt, user turn, assistant tool call, tool
 * result, with the tool defined) is rendered through each, and the exact prompt is written out
 * below from the model's documented format:
 * - Qwen2.5: ChatML + Hermes-style tools (https://qwen.readthedocs.io/en/latest/framework/function_call.html);
 * - Llama 3.2: system header with `Environment: ipython` and dates, tools in the first user turn,
 *   `{"name", "parameters"}` calls, `ipython` results
 *   (https://www.llama.com/docs/model-cards-and-prompt-formats/llama3_2/);
 * - Mistral Nemo: `[AVAILABLE_TOOLS]`, `[INST]`, `[TOOL_CALLS]…</s>`, `[TOOL_RESULTS]`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../src/interlingua/request.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { renderChatPrompt } from '../../src/templates/chat-template.js';
import { expectedQwenPrompt, toolJson, weatherConversation } from './conversation.js';
import { publishedTemplate } from './fixtures.js';

test('Qwen2.5-Instruct: ChatML with Hermes-style tools, ending in the assistant header', () => {
  const { template } = publishedTemplate('qwen2.5-7b-instruct');
  const { prompt, warnings } = renderChatPrompt(weatherConversation, template);
  assert.equal(prompt, expectedQwenPrompt);
  assert.deepEqual(warnings, []);
  assert.ok(prompt.endsWith('<|im_start|>assistant\n'));
});

test('Qwen2.5-Instruct without a system prompt or tools uses its default system turn', () => {
  // The expected string is the one the model's own tokenizer produces (cited with the template in the README).
  const { template } = publishedTemplate('qwen2.5-7b-instruct');
  const request: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'What is the capital of France?' }] }], sampling: {}, stream: false };
  assert.equal(
    renderChatPrompt(request, template).prompt,
    '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' +
      '<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n',
  );
});

test('Llama 3.2-Instruct: dated system header, tools in the first user turn, ipython result', () => {
  const { template } = publishedTemplate('llama-3.2-3b-instruct');
  // Without `date_string` the template prints today's date (strftime_now); the test pins it.
  const { prompt, warnings } = renderChatPrompt(weatherConversation, { ...template, variables: { date_string: '26 Jul 2024' } });
  const indentedTool = JSON.stringify(
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Get the current weather in a city.',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
    null,
    4,
  );
  const expected =
    '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n' +
    'Environment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n' +
    'You are a weather assistant.<|eot_id|>' +
    '<|start_header_id|>user<|end_header_id|>\n\n' +
    'Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n\n' +
    'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.Do not use variables.\n\n' +
    `${indentedTool}\n\n` +
    'What is the weather in Paris?<|eot_id|>' +
    '<|start_header_id|>assistant<|end_header_id|>\n\n{"name": "get_weather", "parameters": {"city": "Paris"}}<|eot_id|>' +
    // A string result is "iterable" to Jinja, so the template prints it through tojson, quoted.
    '<|start_header_id|>ipython<|end_header_id|>\n\n"{\\"temperature\\": 22, \\"condition\\": \\"sunny\\"}"<|eot_id|>' +
    '<|start_header_id|>assistant<|end_header_id|>\n\n';
  assert.equal(prompt, expected);
  assert.deepEqual(warnings, []);
});

test('Mistral Nemo: tools before the last user turn, [TOOL_CALLS] with the 9-character id, [TOOL_RESULTS]; its dropped system prompt is reported', () => {
  const { template } = publishedTemplate('mistral-nemo-instruct-2407');
  const { prompt, warnings } = renderChatPrompt(weatherConversation, template);
  const expected =
    `<s>[AVAILABLE_TOOLS][${toolJson}][/AVAILABLE_TOOLS]` +
    '[INST]What is the weather in Paris?[/INST]' +
    '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}, "id": "a1b2c3d4e"}]</s>' +
    '[TOOL_RESULTS]{"content": {"temperature": 22, "condition": "sunny"}, "call_id": "a1b2c3d4e"}[/TOOL_RESULTS]';
  assert.equal(prompt, expected);
  // The template only places the system prompt inside a final user [INST]; here the last turn is a tool result.
  assert.deepEqual(
    warnings.map((warning) => [warning.type, warning.feature]),
    [['unsupported', 'system']],
  );
});

test('Mistral Nemo places the system prompt in the last user turn when there is one', () => {
  const { template } = publishedTemplate('mistral-nemo-instruct-2407');
  const request: ChatRequest = {
    model: 'm',
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
      { role: 'user', content: [{ type: 'text', text: 'Bye' }] },
    ],
    sampling: {},
    stream: false,
  };
  const { prompt, warnings } = renderChatPrompt(request, template);
  assert.equal(prompt, '<s>[INST]Hi[/INST]Hello!</s>[INST]Be brief.\n\nBye[/INST]');
  assert.deepEqual(warnings, []);
});

test("a template's raise_exception is the caller's invalid_request, in the template's words", () => {
  const { template } = publishedTemplate('mistral-nemo-instruct-2407');
  const request: ChatRequest = {
    ...weatherConversation,
    messages: weatherConversation.messages.map((message) =>
      message.role === 'assistant' ? { ...message, content: [{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{}' }] } : message,
    ),
  };
  assert.throws(
    () => renderChatPrompt(request, template),
    (error: unknown) =>
      error instanceof InterlinguaError && error.code === 'invalid_request' && /Tool call IDs should be alphanumeric strings with length 9/.test(error.message),
  );
});

test('Llama 3.2 refuses two calls in one turn (its template says so)', () => {
  const { template } = publishedTemplate('llama-3.2-3b-instruct');
  const request: ChatRequest = {
    ...weatherConversation,
    messages: [
      weatherConversation.messages[0]!,
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'a', name: 'get_weather', arguments: '{"city": "Paris"}' },
          { type: 'tool-call', id: 'b', name: 'get_weather', arguments: '{"city": "Rome"}' },
        ],
      },
    ],
  };
  assert.throws(() => renderChatPrompt(request, template), /only supports single tool-calls/);
});

test('parts a text prompt cannot hold are warnings: images, tools a template has no place for, reasoning it does not read', () => {
  const chatml = {
    source:
      "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
      "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}",
  };
  const request: ChatRequest = {
    model: 'm',
    system: [],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look' },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
        ],
      },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'hmm' }, { type: 'text', text: 'A cat.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Sure?' }] },
    ],
    tools: weatherConversation.tools ?? [],
    sampling: {},
    stream: false,
  };
  const { prompt, warnings } = renderChatPrompt(request, chatml);
  assert.equal(prompt, '<|im_start|>user\nLook<|im_end|>\n<|im_start|>assistant\nA cat.<|im_end|>\n<|im_start|>user\nSure?<|im_end|>\n<|im_start|>assistant\n');
  assert.deepEqual(warnings.map((warning) => warning.feature).sort(), ['image', 'reasoning_history', 'tools']);
});

test('addGenerationPrompt: false leaves the assistant header off; variables reach the template', () => {
  const { template } = publishedTemplate('qwen2.5-7b-instruct');
  const request: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], sampling: {}, stream: false };
  assert.ok(!renderChatPrompt(request, { ...template, addGenerationPrompt: false }).prompt.endsWith('<|im_start|>assistant\n'));
  const flag = renderChatPrompt(request, { source: '{{ flag }}|{{ messages | length }}', variables: { flag: 'on' } });
  assert.equal(flag.prompt, 'on|1');
});

test('a template that does not parse is a configuration fault (internal)', () => {
  const request: ChatRequest = { model: 'm', system: [], messages: [], sampling: {}, stream: false };
  assert.throws(
    () => renderChatPrompt(request, { source: '{% for message in messages %}' }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'internal',
  );
});
