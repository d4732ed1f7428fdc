/**
 * Emitting interlingua requests that came from other dialects: Anthropic's one system prompt,
 * strict role alternation, tool results first in a user turn
 * (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use), thinking rules
 * (https://docs.claude.com/en/docs/build-with-claude/extended-thinking).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';

const options = { model: 'claude-upstream', defaultMaxOutputTokens: 1000 };

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'gpt-4o', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], sampling: {}, stream: false, ...overrides };
}

function emit(input: ChatRequest) {
  const { body, warnings } = anthropicDialect.emitRequest(input, options);
  assert.ok(body !== null && typeof body === 'object');
  return { body: body as Record<string, unknown>, warnings, features: warnings.map((warning) => `${warning.type}:${warning.feature}`) };
}

test('a mid-conversation system message is hoisted, same-role turns merge, tool results come first', () => {
  const { body, features } = emit(
    request({
      system: [{ type: 'text', text: 'You are terse.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'one' }] },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        { role: 'assistant', content: [{ type: 'text', text: '' }, { type: 'tool-call', id: 'call_1', name: 'add', arguments: '{"a":1}' }] },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'add', content: [{ type: 'text', text: '2' }] }] },
        { role: 'user', content: [{ type: 'text', text: 'and then?' }] },
      ],
    }),
  );
  assert.deepEqual(body['system'], [
    { type: 'text', text: 'You are terse.' },
    { type: 'text', text: 'Answer in French.' },
  ]);
  assert.deepEqual(body['messages'], [
    { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'add', input: { a: 1 } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '2' }, { type: 'text', text: 'and then?' }] },
  ]);
  assert.deepEqual(features, ['compatibility:system_message']);
  assert.equal(body['max_tokens'], 1000);
  assert.equal(body['model'], 'claude-upstream');
});

test('user text merged before tool results is moved after them, with a warning', () => {
  const { body, features } = emit(
    request({
      messages: [
        { role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '{}' }] },
        { role: 'user', content: [{ type: 'text', text: 'hurry' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', content: [], isError: true }] },
      ],
    }),
  );
  assert.deepEqual((body['messages'] as unknown[])[1], {
    role: 'user',
    content: [{ type: 'tool_result', tool_use_id: 'c', is_error: true }, { type: 'text', text: 'hurry' }],
  });
  assert.deepEqual(features, ['compatibility:tool_result.order']);
});

test('only Anthropic-signed reasoning is sent back; other reasoning is left out with a warning', () => {
  const { body, features } = emit(
    request({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'openai summary' },
            { type: 'reasoning', text: 'gemini thought', signature: 'g', signatureOrigin: 'gemini' },
            { type: 'reasoning', text: 'mine', signature: 's', signatureOrigin: 'anthropic' },
            { type: 'reasoning', text: '', redactedData: 'r', signatureOrigin: 'anthropic' },
            { type: 'text', text: 'a' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'and?' }] },
      ],
    }),
  );
  assert.deepEqual((body['messages'] as unknown[])[1], {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'mine', signature: 's' },
      { type: 'redacted_thinking', data: 'r' },
      { type: 'text', text: 'a' },
    ],
  });
  assert.deepEqual(features, ['compatibility:reasoning']);
});

test('temperature above 1 is clamped with a warning, never silently', () => {
  const { body, warnings } = emit(request({ sampling: { temperature: 1.6, topP: 0.9 } }));
  assert.equal(body['temperature'], 1);
  assert.equal(body['top_p'], 0.9);
  assert.deepEqual(warnings, [{ type: 'compatibility', feature: 'temperature', message: "Anthropic's temperature goes up to 1; 1.6 was sent as 1." }]);
});

test('reasoning effort becomes a thinking budget below max_tokens; thinking drops incompatible sampling', () => {
  const high = emit(request({ reasoning: { effort: 'high' }, sampling: { maxOutputTokens: 2000, temperature: 0.2, topK: 3, topP: 0.5 } }));
  assert.deepEqual(high.body['thinking'], { type: 'enabled', budget_tokens: 24576 });
  assert.equal(high.body['max_tokens'], 26576);
  assert.equal(high.body['temperature'], undefined);
  assert.equal(high.body['top_k'], undefined);
  assert.equal(high.body['top_p'], 0.95);
  assert.deepEqual(high.features.sort(), [
    'compatibility:max_tokens',
    'compatibility:reasoning.effort',
    'compatibility:top_p',
    'unsupported:temperature',
    'unsupported:top_k',
  ]);
  assert.deepEqual(emit(request({ reasoning: { effort: 'low' } })).body['thinking'], { type: 'enabled', budget_tokens: 1024 });
  assert.deepEqual(emit(request({ reasoning: { effort: 'medium' } })).body['thinking'], { type: 'enabled', budget_tokens: 8192 });
  const small = emit(request({ reasoning: { enabled: true, budgetTokens: 100 } }));
  assert.deepEqual(small.body['thinking'], { type: 'enabled', budget_tokens: 1024 });
  assert.deepEqual(small.features, ['compatibility:reasoning.budget_tokens']);
  assert.deepEqual(emit(request({ reasoning: { enabled: false } })).body['thinking'], { type: 'disabled' });
  const budget = emit(request({ reasoning: { enabled: true, budgetTokens: 3000 }, sampling: { temperature: 1 } }));
  assert.deepEqual(budget.warnings, []);
  assert.equal(budget.body['max_tokens'], 4000);
  assert.equal(budget.body['temperature'], 1);
});

test('tool choice, parallel calls and tools map onto Anthropic', () => {
  const tools = [{ name: 'f', description: 'does f', parameters: { type: 'object' } }];
  const required = emit(request({ tools, toolChoice: { type: 'required' }, parallelToolCalls: false }));
  assert.deepEqual(required.body['tools'], [{ name: 'f', description: 'does f', input_schema: { type: 'object' } }]);
  assert.deepEqual(required.body['tool_choice'], { type: 'any', disable_parallel_tool_use: true });
  assert.deepEqual(emit(request({ tools, toolChoice: { type: 'none' } })).body['tool_choice'], { type: 'none' });
  assert.deepEqual(emit(request({ tools, toolChoice: { type: 'tool', name: 'f' } })).body['tool_choice'], { type: 'tool', name: 'f' });
  assert.deepEqual(emit(request({ tools, parallelToolCalls: false })).body['tool_choice'], { type: 'auto', disable_parallel_tool_use: true });
  assert.equal(emit(request({ tools })).body['tool_choice'], undefined);
  const strict = emit(request({ tools: [{ ...tools[0]!, strict: true }] }));
  assert.deepEqual(strict.features, ['unsupported:tools.strict']);
  // `strict: false` (Codex writes it on every function tool) asks for nothing Anthropic lacks.
  assert.deepEqual(emit(request({ tools: [{ ...tools[0]!, strict: false }] })).features, []);
});

test('features Anthropic lacks are reported as unsupported', () => {
  const { body, features } = emit(
    request({
      sampling: { seed: 1, presencePenalty: 0.5, frequencyPenalty: 0.5, candidateCount: 2 },
      vendor: { openai: { logprobs: true } },
    }),
  );
  assert.deepEqual(features, [
    'unsupported:seed',
    'unsupported:presence_penalty',
    'unsupported:frequency_penalty',
    'unsupported:candidate_count',
    'unsupported:logprobs',
  ]);
  for (const field of ['seed', 'presence_penalty', 'frequency_penalty', 'n', 'logprobs', 'response_format']) assert.equal(body[field], undefined);
});

test('images: url and base64 sources; the detail hint is reported', () => {
  const { body, features } = emit(
    request({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'high' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
          ],
        },
      ],
    }),
  );
  assert.deepEqual((body['messages'] as Array<{ content: unknown }>)[0]?.content, [
    { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
  ]);
  assert.deepEqual(features, ['unsupported:image.detail']);
});

test('broken tool-call arguments are wrapped, with a warning; user and stream are carried', () => {
  const { body, features } = emit(
    request({
      stream: true,
      user: 'u-9',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'call_x', name: 'f', arguments: '{"a":' }] },
      ],
    }),
  );
  assert.deepEqual((body['messages'] as Array<{ content: unknown }>)[1]?.content, [
    { type: 'tool_use', id: 'call_x', name: 'f', input: { _raw_arguments: '{"a":' } },
  ]);
  // The call ends the conversation, which Anthropic refuses as a prefill: it is answered with an error result.
  assert.deepEqual(features, ['compatibility:tool_call.arguments', 'compatibility:tool_result.missing']);
  assert.equal((body['messages'] as Array<{ role: string }>)[2]?.role, 'user');
  assert.equal(body['stream'], true);
  assert.deepEqual(body['metadata'], { user_id: 'u-9' });
});

test('a single plain system part is a string; none is no system at all', () => {
  assert.equal(emit(request({ system: [{ type: 'text', text: 'S' }] })).body['system'], 'S');
  assert.equal('system' in emit(request({})).body, false);
});

test('structured output with a schema goes to output_config.format, beside other output_config fields', () => {
  // https://docs.claude.com/en/docs/build-with-claude/structured-outputs; the SDK's OutputConfig type
  const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
  const { body, features } = emit(request({ responseFormat: { type: 'json', schema }, vendor: { anthropic: { output_config: { effort: 'low' } } } }));
  assert.deepEqual(body.output_config, { effort: 'low', format: { type: 'json_schema', schema } });
  assert.deepEqual(features, []);
});

test('schema-less JSON becomes a system instruction with a compatibility warning', () => {
  const { body, features } = emit(request({ responseFormat: { type: 'json' } }));
  assert.equal(body.output_config, undefined);
  assert.match(JSON.stringify(body.system), /single JSON object/);
  assert.deepEqual(features, ['compatibility:response_format.json_object']);
});

test('thinking is turned off, with a warning, when the tool turn being answered has no signed thinking block', () => {
  const toolTurn = (assistantStart: AssistantPart[]): ChatRequest['messages'] => [
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
    { role: 'assistant', content: [...assistantStart, { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', content: [{ type: 'text', text: 'sunny' }] }] },
  ];
  const foreign = emit(request({ reasoning: { effort: 'high' }, sampling: { temperature: 0.3 }, messages: toolTurn([{ type: 'reasoning', text: 'gpt summary' }]) }));
  assert.equal(foreign.body['thinking'], undefined);
  assert.equal(foreign.body['temperature'], 0.3, 'with thinking off, the temperature is sent as asked');
  assert.ok(foreign.features.includes('compatibility:reasoning.tool_turn'));
  assert.match(foreign.warnings.map((warning) => warning.message).join('\n'), /thinking was turned off for this request/);

  const signed = emit(request({ reasoning: { effort: 'high' }, messages: toolTurn([{ type: 'reasoning', text: 'mine', signature: 's', signatureOrigin: 'anthropic' }]) }));
  assert.deepEqual(signed.body['thinking'], { type: 'enabled', budget_tokens: 24576 });

  const newQuestion = emit(request({ reasoning: { effort: 'high' }, messages: [...toolTurn([]), { role: 'assistant', content: [{ type: 'text', text: 'Sunny.' }] }, { role: 'user', content: [{ type: 'text', text: 'And Rome?' }] }] }));
  assert.deepEqual(newQuestion.body['thinking'], { type: 'enabled', budget_tokens: 24576 }, 'a new user question starts a new turn, which needs no earlier thinking');
});

test('a model that thinks by effort only gets adaptive thinking: the effort asked, or the one nearest the budget', () => {
  const adaptive = (input: ChatRequest) => {
    const { body, warnings } = anthropicDialect.emitRequest(input, { ...options, model: 'claude-opus-4-7', reasoningByEffort: true });
    const wire = body as Record<string, unknown>;
    return { thinking: wire['thinking'], outputConfig: wire['output_config'], maxTokens: wire['max_tokens'], features: warnings.map((warning) => warning.feature) };
  };
  assert.deepEqual(adaptive(request({ reasoning: { effort: 'medium' } })), { thinking: { type: 'adaptive' }, outputConfig: { effort: 'medium' }, maxTokens: 1000, features: [] });
  assert.deepEqual(adaptive(request({ reasoning: { effort: 'minimal' } })).outputConfig, { effort: 'low' });
  assert.deepEqual(adaptive(request({ reasoning: { enabled: true, budgetTokens: 2000 } })), { thinking: { type: 'adaptive' }, outputConfig: { effort: 'low' }, maxTokens: 1000, features: ['reasoning.budget_tokens'] });
  assert.deepEqual(adaptive(request({ reasoning: { enabled: true } })), { thinking: { type: 'adaptive' }, outputConfig: undefined, maxTokens: 1000, features: [] });
  // Such a model refuses `disabled` too: off is no thinking field at all.
  assert.deepEqual(adaptive(request({ reasoning: { enabled: false } })), { thinking: undefined, outputConfig: undefined, maxTokens: 1000, features: [] });
  // An Anthropic caller's own budget goes the same way; its own adaptive setting goes as it came.
  // An Anthropic caller sees its thinking: such models leave the text out unless `display` asks for it.
  const caller = anthropicDialect.parseRequest({ model: 'm', max_tokens: 9000, messages: [{ role: 'user', content: 'hi' }], thinking: { type: 'enabled', budget_tokens: 8192 } }, {}).request;
  assert.deepEqual([adaptive(caller).thinking, adaptive(caller).outputConfig], [{ type: 'adaptive', display: 'summarized' }, { effort: 'medium' }]);
  const own = anthropicDialect.parseRequest({ model: 'm', max_tokens: 9000, messages: [{ role: 'user', content: 'hi' }], thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: 'xhigh' } }, {}).request;
  assert.deepEqual([adaptive(own).thinking, adaptive(own).outputConfig], [{ type: 'adaptive', display: 'summarized' }, { effort: 'xhigh' }]);
});
