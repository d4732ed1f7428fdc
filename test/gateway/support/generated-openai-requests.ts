/**
 * Requests as OpenAI's clients write them: Chat Completions (histories with tool rounds, system
 * and developer turns anywhere, blank text, images and files, every sampling control, reasoning
 * efforts, JSON output) and Responses as Codex writes them.
 */
import fc from 'fast-check';
import { mislabelledPixel, parameters, pdf, pixel, signature, text, tool, toolName, type Json } from './generated-request-parts.js';

const userMessage = fc.oneof(
  text.map((content) => [{ role: 'user', content }]),
  fc.tuple(text, fc.constantFrom('ada', 'user_1')).map(([content, name]) => [{ role: 'user', content, name }]),
  fc.array(fc.oneof(text.map((value) => ({ type: 'text', text: value })), fc.constant({ type: 'image_url', image_url: { url: pixel, detail: 'low' } }), fc.constant({ type: 'image_url', image_url: { url: mislabelledPixel } }), fc.constant(pdf)), { minLength: 1, maxLength: 3 }).map((content) => [{ role: 'user', content }]),
);
/** One tool round: the call and its result (call ids are numbered per request once generated). */
const toolRound = fc.tuple(toolName, fc.constantFrom('{"p":"1"}', '{}', '', 'not json', '[1]'), text, text).map(([name, args, before, result]) => [
  { role: 'assistant', content: before === '' ? null : before, tool_calls: [{ id: '', type: 'function', function: { name, arguments: args } }] },
  { role: 'tool', tool_call_id: '', content: result === '' ? result : [{ type: 'text', text: result }] },
]);
const assistantTurn = text.map((content) => [{ role: 'assistant', content, refusal: null }]);
const turns = fc.array(fc.oneof(userMessage, toolRound, assistantTurn, text.map((content) => [{ role: 'system', content }]), text.map((content) => [{ role: 'developer', content }])), { minLength: 0, maxLength: 4 });
/** The history ends with a user turn, a tool result or an assistant's words (a prefill), as a caller's request does. */
const messages = fc.tuple(turns, fc.oneof(userMessage, toolRound, assistantTurn)).map(([history, last]) => {
  const all = [...history.flat(), ...last] as Json[];
  let calls = 0;
  for (const message of all) {
    if (Array.isArray(message['tool_calls'])) (message['tool_calls'] as Json[])[0]!['id'] = `call_${++calls}`;
    else if (message['role'] === 'tool') message['tool_call_id'] = `call_${calls}`;
  }
  return all;
});
export const openaiChatBody = fc.record(
  {
    messages,
    tools: fc.array(tool, { maxLength: 3 }),
    tool_choice: fc.oneof(fc.constantFrom('auto', 'none', 'required'), toolName.map((name) => ({ type: 'function', function: { name } }))),
    parallel_tool_calls: fc.boolean(),
    temperature: fc.constantFrom(0, 0.7, 1, 1.5, 2),
    top_p: fc.constantFrom(0, 0.1, 0.9, 1),
    max_tokens: fc.constantFrom(1, 16, 1000, 200000),
    max_completion_tokens: fc.constantFrom(1, 500, 100000),
    stop: fc.oneof(fc.constantFrom('\n', ' ', 'END', ''), fc.array(fc.constantFrom('\n', 'END', 'STOP', 'a', 'b', ' '), { maxLength: 6 })),
    n: fc.constantFrom(1, 2),
    seed: fc.constantFrom(1, 42),
    presence_penalty: fc.constantFrom(-2, 0, 0.5, 2),
    frequency_penalty: fc.constantFrom(-2, 0, 1),
    logprobs: fc.boolean(),
    top_logprobs: fc.constantFrom(0, 3),
    logit_bias: fc.constant({ '50256': -100 }),
    metadata: fc.constant({ session: 's1' }),
    store: fc.boolean(),
    service_tier: fc.constantFrom('auto', 'default', 'flex', 'priority'),
    prompt_cache_key: fc.constant('thread-1'),
    safety_identifier: fc.constant('user-hash-1'),
    verbosity: fc.constantFrom('low', 'medium', 'high'),
    modalities: fc.constant(['text']),
    stream_options: fc.constant({ include_usage: true }),
    reasoning_effort: fc.constantFrom('minimal', 'low', 'medium', 'high', 'none', 'xhigh'),
    response_format: fc.oneof(fc.constant({ type: 'text' }), fc.constant({ type: 'json_object' }), parameters.map((schema) => ({ type: 'json_schema', json_schema: { name: 'out', schema } }))),
    user: fc.constantFrom('u1', 'x'.repeat(100)),
    stream: fc.boolean(),
  },
  { requiredKeys: ['messages'] },
).map((generated) => {
  // OpenAI takes these only beside what they qualify: logprobs, a stream.
  const { top_logprobs: topLogprobs, stream_options: streamOptions, ...rest } = generated;
  return {
    ...rest,
    ...(rest.logprobs === true && topLogprobs !== undefined ? { top_logprobs: topLogprobs } : {}),
    ...(rest.stream === true && streamOptions !== undefined ? { stream_options: streamOptions } : {}),
  };
});

/**
 * Responses requests the Responses API itself takes without stored state: each call's output given,
 * each reasoning item followed by the item it reasoned toward, encrypted content asked back.
 */
const responsesRound = fc.tuple(toolName, fc.constantFrom('{"p":"1"}', '{}'), text, signature, fc.boolean()).map(([name, args, output, encrypted, reasoned]) => (index: number) => [
  ...(reasoned ? [{ type: 'reasoning', id: `rs_${index}`, summary: [{ type: 'summary_text', text: 'Look it up.' }], encrypted_content: encrypted }] : []),
  { type: 'function_call', call_id: `call_${index}`, name, arguments: args },
  { type: 'function_call_output', call_id: `call_${index}`, output },
]);
export const responsesBody = fc
  .record({
    instructions: fc.constantFrom(undefined, 'You are a coding agent.'),
    question: fc.oneof(fc.string({ minLength: 1, maxLength: 16 }), fc.constant([{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: pixel }]), fc.constant([{ type: 'input_image', image_url: mislabelledPixel }])),
    rounds: fc.array(responsesRound, { maxLength: 3 }),
    reasoning: fc.constantFrom(undefined, { effort: 'low' }, { effort: 'high', summary: 'auto' }, { effort: 'minimal' }, { effort: 'xhigh', summary: 'auto' }),
    tools: fc.array(fc.record({ name: toolName, parameters }), { maxLength: 2 }),
    choice: fc.constantFrom(undefined, 'auto', 'required', 'none'),
    sampling: fc.record({ temperature: fc.constantFrom(0, 1), top_p: fc.constantFrom(0.5, 1), max_output_tokens: fc.constantFrom(16, 4000), parallel_tool_calls: fc.boolean() }, { requiredKeys: [] }),
    text: fc.constantFrom(undefined, { verbosity: 'low' }, { format: { type: 'json_object' } }),
  })
  .map(({ instructions, question, rounds, reasoning, tools, choice, sampling, text: textSettings }) => {
    const input: Json[] = [{ role: 'user', content: question }, ...rounds.flatMap((round, index) => round(index + 1))];
    const declared = new Map<string, Json>(tools.map((tool) => [tool.name, { type: 'function', name: tool.name, parameters: tool.parameters, strict: false }]));
    for (const item of input) {
      if (item['type'] === 'function_call' && !declared.has(String(item['name']))) declared.set(String(item['name']), { type: 'function', name: item['name'], parameters: { type: 'object', properties: {} }, strict: false });
    }
    return {
      input,
      store: false,
      include: ['reasoning.encrypted_content'],
      ...(instructions === undefined ? {} : { instructions }),
      ...(reasoning === undefined ? {} : { reasoning }),
      tools: [...declared.values()],
      ...(choice === undefined ? {} : { tool_choice: choice }),
      ...sampling,
      ...(textSettings === undefined ? {} : { text: textSettings }),
    };
  });
