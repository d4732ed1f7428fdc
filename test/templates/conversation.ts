/**
 * The conversation the template tests render (system prompt, user turn, assistant tool call, tool
 * result, one tool defined), and its expected Qwen2.5 prompt, shared with the completions emitter tests.
 */
import type { ChatRequest } from '../../src/interlingua/request.js';

/** Mistral's template requires 9-character alphanumeric call ids; the others print none. */
export const weatherConversation: ChatRequest = {
  model: 'local-model',
  system: [{ type: 'text', text: 'You are a weather assistant.' }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] },
    { role: 'assistant', content: [{ type: 'tool-call', id: 'a1b2c3d4e', name: 'get_weather', arguments: '{"city": "Paris"}' }] },
    {
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'a1b2c3d4e', content: [{ type: 'text', text: '{"temperature": 22, "condition": "sunny"}' }] }],
    },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Get the current weather in a city.',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
  sampling: {},
  stream: false,
};

export const toolJson =
  '{"type": "function", "function": {"name": "get_weather", "description": "Get the current weather in a city.", ' +
  '"parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}';

export const expectedQwenPrompt = [
  '<|im_start|>system',
  'You are a weather assistant.',
  '',
  '# Tools',
  '',
  'You may call one or more functions to assist with the user query.',
  '',
  'You are provided with function signatures within <tools></tools> XML tags:',
  '<tools>',
  toolJson,
  '</tools>',
  '',
  'For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:',
  '<tool_call>',
  '{"name": <function-name>, "arguments": <args-json-object>}',
  '</tool_call><|im_end|>',
  '<|im_start|>user',
  'What is the weather in Paris?<|im_end|>',
  '<|im_start|>assistant',
  '<tool_call>',
  '{"name": "get_weather", "arguments": {"city": "Paris"}}',
  '</tool_call><|im_end|>',
  '<|im_start|>user',
  '<tool_response>',
  '{"temperature": 22, "condition": "sunny"}',
  '</tool_response><|im_end|>',
  '<|im_start|>assistant',
  '',
].join('\n');

