import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest, type JudgedRequest } from '../support/vendor-rules/index.js';

/** The headers each vendor requires, so only the model's own rules are in question. */
const headers = { 'anthropic-version': '2023-06-01', 'x-goog-api-key': 'gemini-test-key', authorization: 'Bearer sk-test' };
const post = (url: string, body: unknown): JudgedRequest => ({ method: 'POST', url, headers, body });
const user = [{ role: 'user', content: 'hi' }];
const anthropic = (body: Record<string, unknown>) => judgeRequest(post('/v1/messages', { max_tokens: 100, messages: user, ...body }));
const chat = (body: Record<string, unknown>) => judgeRequest(post('/v1/chat/completions', { messages: user, ...body }));
const responses = (body: Record<string, unknown>) => judgeRequest(post('/v1/responses', { input: 'hi', ...body }));
const gemini = (model: string, generationConfig: Record<string, unknown>) =>
  judgeRequest(post(`/v1beta/models/${model}:generateContent`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig }));

test('Claude 4.5 models and Opus 4.1 refuse temperature with top_p; one of them, or older models, pass', () => {
  for (const model of ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'claude-haiku-4-5', 'claude-opus-4-1', 'claude-sonnet-4-6']) {
    const refusal = anthropic({ model, temperature: 0.5, top_p: 0.9 });
    assert.equal(refusal?.rule, 'anthropic.model.temperature-with-top-p', model);
    assert.deepEqual(refusal.body, { type: 'error', error: { type: 'invalid_request_error', message: '`temperature` and `top_p` cannot both be specified for this model. Please use only one.' }, request_id: 'req_test_upstream' });
  }
  assert.equal(anthropic({ model: 'claude-sonnet-4-5', temperature: 0.5 }), undefined);
  assert.equal(anthropic({ model: 'claude-sonnet-4-5', top_p: 0.9 }), undefined);
  assert.equal(anthropic({ model: 'claude-sonnet-4-20250514', temperature: 0.5, top_p: 0.9 }), undefined);
});

test('Claude models from before structured output refuse output_config.format; Sonnet 4.5 and later take it', () => {
  const format = { format: { type: 'json_schema', schema: { type: 'object', properties: {}, additionalProperties: false } } };
  for (const model of ['claude-sonnet-4-20250514', 'claude-opus-4', 'claude-3-7-sonnet-20250219', 'claude-3-5-haiku-latest']) {
    const refusal = anthropic({ model, output_config: format });
    assert.equal(refusal?.rule, 'anthropic.model.structured-output', model);
    assert.equal(refusal.message, 'output_config.format: Extra inputs are not permitted');
  }
  assert.equal(anthropic({ model: 'claude-sonnet-4-20250514', output_format: format.format })?.message, 'output_format: Extra inputs are not permitted');
  for (const model of ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5', 'claude-opus-4-1', 'claude-opus-4-6']) assert.equal(anthropic({ model, output_config: format }), undefined, model);
  assert.equal(anthropic({ model: 'claude-sonnet-4-20250514', output_config: { effort: 'high' } }), undefined);
});

test('Claude Opus 4.7 and 4.8 refuse a thinking budget and take adaptive thinking', () => {
  for (const model of ['claude-opus-4-7', 'claude-opus-4-8-20260601']) {
    const refusal = anthropic({ model, thinking: { type: 'enabled', budget_tokens: 2048 }, max_tokens: 4096 });
    assert.equal(refusal?.rule, 'anthropic.model.thinking-adaptive-only', model);
    assert.equal(refusal.message, '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.');
    assert.equal(anthropic({ model, thinking: { type: 'adaptive' }, output_config: { effort: 'high' } }), undefined, model);
  }
  assert.equal(anthropic({ model: 'claude-opus-4-7', thinking: { type: 'disabled' } })?.rule, 'anthropic.model.thinking-adaptive-only');
  assert.equal(anthropic({ model: 'claude-mythos-5', thinking: { type: 'enabled', budget_tokens: 2048 }, max_tokens: 4096 })?.rule, 'anthropic.model.thinking-adaptive-only');
  assert.equal(anthropic({ model: 'claude-opus-4-7' }), undefined);
  assert.equal(anthropic({ model: 'claude-opus-4-6', thinking: { type: 'enabled', budget_tokens: 2048 }, max_tokens: 4096 }), undefined);
});

test('Claude 4.6 and later refuse a conversation ending on an assistant turn, on Anthropic and Bedrock; 4.5 takes it', () => {
  const prefilled = [...user, { role: 'assistant', content: '{' }];
  for (const model of ['claude-sonnet-4-6', 'claude-opus-4-6', 'claude-opus-4-7', 'claude-fable-5', 'claude-sonnet-5']) {
    const refusal = anthropic({ model, messages: prefilled });
    assert.equal(refusal?.rule, 'anthropic.model.no-prefill', model);
    assert.equal(refusal.message, 'This model does not support assistant message prefill. The conversation must end with a user message.');
    assert.equal(anthropic({ model, messages: user }), undefined, model);
  }
  for (const model of ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5', 'claude-opus-4-1', 'claude-3-7-sonnet-latest']) assert.equal(anthropic({ model, messages: prefilled }), undefined, model);
  const converse = judgeRequest(post(`/model/${encodeURIComponent('us.anthropic.claude-opus-4-6-v1')}/converse`, { messages: [{ role: 'user', content: [{ text: 'hi' }] }, { role: 'assistant', content: [{ text: '{' }] }] }));
  assert.equal(converse?.rule, 'bedrock.model.claude-no-prefill');
  const older = judgeRequest(post(`/model/${encodeURIComponent('anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse`, { messages: [{ role: 'user', content: [{ text: 'hi' }] }, { role: 'assistant', content: [{ text: '{' }] }] }));
  assert.equal(older, undefined);
});

test('Claude on Bedrock refuses a final assistant turn beside tools, on InvokeModel and Converse, older models too; Nova is not judged so', () => {
  const id = encodeURIComponent('anthropic.claude-3-5-sonnet-20240620-v1:0');
  const converseBody = (toolConfig?: unknown) => ({ messages: [{ role: 'user', content: [{ text: 'hi' }] }, { role: 'assistant', content: [{ text: 'I will' }] }], ...(toolConfig === undefined ? {} : { toolConfig }) });
  const toolConfig = { tools: [{ toolSpec: { name: 'read', inputSchema: { json: { type: 'object' } } } }] };
  const converse = judgeRequest(post(`/model/${id}/converse`, converseBody(toolConfig)));
  assert.equal(converse?.rule, 'bedrock.model.claude-tools-no-prefill');
  assert.equal(converse.message, 'The model returned the following errors: Your API request included an `assistant` message in the final position, which would pre-fill the `assistant` response. When using tools, pre-filling the `assistant` response is not supported.');
  assert.equal(judgeRequest(post(`/model/${id}/converse`, converseBody())), undefined);
  const invoke = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, tools: [{ name: 'read', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'I will' }] };
  assert.equal(judgeRequest(post(`/model/${id}/invoke`, invoke))?.rule, 'bedrock.model.claude-tools-no-prefill');
  assert.equal(judgeRequest(post(`/model/${id}/invoke`, { ...invoke, messages: invoke.messages.slice(0, 1) })), undefined);
  assert.equal(judgeRequest(post(`/model/${encodeURIComponent('amazon.nova-pro-v1:0')}/converse`, converseBody(toolConfig))), undefined);
});

test('Claude 3 and 3.5 models refuse thinking, naming the model as sent; Sonnet 3.7 and later take it', () => {
  const thinking = { type: 'enabled', budget_tokens: 1024 };
  assert.equal(anthropic({ model: 'claude-3-5-haiku-20241022', max_tokens: 2048, thinking })?.message, "'claude-3-5-haiku-20241022' does not support thinking.");
  assert.equal(anthropic({ model: 'claude-3-5-sonnet-20241022', max_tokens: 2048, thinking })?.rule, 'anthropic.model.no-thinking');
  assert.equal(anthropic({ model: 'claude-3-5-haiku-20241022', thinking: { type: 'disabled' } }), undefined);
  for (const model of ['claude-3-7-sonnet-20250219', 'claude-sonnet-4-5', 'claude-haiku-4-5']) assert.equal(anthropic({ model, max_tokens: 2048, thinking }), undefined, model);
});

test('Claude models refuse more output than they write, in Anthropic\'s words, naming the model as sent', () => {
  assert.equal(
    anthropic({ model: 'claude-opus-4-5-20251101', max_tokens: 128001 })?.message,
    'max_tokens: 128001 > 64000, which is the maximum allowed number of output tokens for claude-opus-4-5-20251101',
  );
  assert.equal(anthropic({ model: 'claude-3-haiku-20240307', max_tokens: 8192 })?.rule, 'anthropic.model.output-limit');
  assert.equal(anthropic({ model: 'claude-opus-4-1', max_tokens: 32001 })?.rule, 'anthropic.model.output-limit');
  for (const [model, limit] of [['claude-sonnet-4-5-20250929', 64000], ['claude-opus-4-6', 128000], ['claude-sonnet-5', 128000]] as const) {
    assert.equal(anthropic({ model, max_tokens: limit }), undefined, model);
    assert.equal(anthropic({ model, max_tokens: limit + 1 })?.rule, 'anthropic.model.output-limit', model);
  }
});

test('Claude Opus 5.5 and Fable 5.1 refuse a forced tool choice and a thinking budget; Opus 5 and auto pass', () => {
  const tools = [{ name: 'lookup', input_schema: { type: 'object' } }];
  for (const model of ['claude-opus-5-5', 'claude-fable-5-1']) {
    for (const toolChoice of [{ type: 'any' }, { type: 'tool', name: 'lookup' }]) {
      assert.equal(anthropic({ model, tools, tool_choice: toolChoice })?.rule, 'anthropic.model.no-forced-tool-choice', model);
    }
    assert.equal(anthropic({ model, tools, tool_choice: { type: 'auto' } }), undefined, model);
  }
  assert.equal(anthropic({ model: 'claude-opus-5', tools, tool_choice: { type: 'any' } }), undefined);
  assert.equal(anthropic({ model: 'claude-opus-5-5', max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2000 } })?.rule, 'anthropic.model.thinking-adaptive-only');
});

test('Claude Opus 4.7 refuses each sampling control', () => {
  assert.equal(anthropic({ model: 'claude-opus-4-7', temperature: 0.5 })?.message, '`temperature` is deprecated for this model.');
  assert.equal(anthropic({ model: 'claude-opus-4-7', top_k: 5 })?.message, '`top_k` is deprecated for this model.');
  assert.equal(anthropic({ model: 'claude-opus-4-7' }), undefined);
});

test('the Claude 5 models refuse sampling controls and a thinking budget; Sonnet 5.5 a forced tool choice and thinking off too', () => {
  for (const model of ['claude-opus-4-8', 'claude-opus-5', 'claude-opus-5-5', 'claude-sonnet-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5-1']) {
    assert.equal(anthropic({ model, temperature: 0.5 })?.rule, 'anthropic.model.sampling-removed', model);
    assert.equal(anthropic({ model, top_p: 0.9 })?.rule, 'anthropic.model.sampling-removed', model);
    assert.equal(anthropic({ model, max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2000 } })?.rule, 'anthropic.model.thinking-adaptive-only', model);
    assert.equal(anthropic({ model, thinking: { type: 'adaptive' }, output_config: { effort: 'low' } }), undefined, model);
  }
  for (const model of ['claude-opus-5', 'claude-sonnet-5']) assert.equal(anthropic({ model, thinking: { type: 'disabled' } }), undefined, model);
  assert.equal(anthropic({ model: 'claude-sonnet-5-5', thinking: { type: 'disabled' } })?.rule, 'anthropic.model.thinking-adaptive-only');
  assert.equal(anthropic({ model: 'claude-sonnet-5-5', thinking: { type: 'between_tools' }, output_config: { effort: 'high' } }), undefined);
  assert.equal(anthropic({ model: 'claude-sonnet-5-5', thinking: { type: 'between_tools' }, output_config: { effort: 'max' } })?.rule, 'anthropic.model.thinking-off-effort');
  assert.equal(anthropic({ model: 'claude-opus-5', thinking: { type: 'disabled' }, output_config: { effort: 'xhigh' } })?.rule, 'anthropic.model.thinking-off-effort');
  const tools = [{ name: 'lookup', input_schema: { type: 'object' } }];
  assert.equal(anthropic({ model: 'claude-sonnet-5-5', tools, tool_choice: { type: 'any' } })?.rule, 'anthropic.model.no-forced-tool-choice');
  assert.equal(anthropic({ model: 'claude-haiku-5-5', tools, tool_choice: { type: 'any' } }), undefined);
  assert.equal(anthropic({ model: 'claude-opus-4-6', temperature: 0.5 }), undefined, 'Opus 4.6 still takes a temperature');
  const converse = (id: string, body: Record<string, unknown>) =>
    judgeRequest(post(`/model/${encodeURIComponent(id)}/converse`, { messages: [{ role: 'user', content: [{ text: 'hi' }] }], ...body }));
  assert.equal(converse('us.anthropic.claude-sonnet-5-5', { inferenceConfig: { temperature: 0.2 } })?.rule, 'bedrock.model.claude-sampling-removed');
  assert.equal(converse('anthropic.claude-sonnet-4-6', { inferenceConfig: { temperature: 0.2 } }), undefined);
  assert.equal(converse('us.anthropic.claude-opus-5', { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2000 } } })?.rule, 'bedrock.model.claude-thinking-adaptive-only');
  assert.equal(converse('us.anthropic.claude-opus-5', { additionalModelRequestFields: { thinking: { type: 'disabled' } } }), undefined);
});

test('thinking.block_binding needs its beta header', () => {
  const bound = { model: 'claude-opus-5-5', thinking: { type: 'adaptive', block_binding: { prefix_mismatch_behavior: 'drop_block' } } };
  assert.equal(anthropic(bound)?.rule, 'anthropic.model.block-binding-beta');
  const withBeta = judgeRequest({ method: 'POST', url: '/v1/messages', headers: { ...headers, 'anthropic-beta': 'extended-cache-ttl-2025-04-11,thinking-binding-controls-2026-08-01' }, body: { max_tokens: 100, messages: user, ...bound } });
  assert.equal(withBeta, undefined);
});

test('Gemini 3 Pro models cannot stop thinking and take only some thinking levels', () => {
  assert.equal(gemini('gemini-3-pro-preview', { thinkingConfig: { thinkingLevel: 'MEDIUM' } })?.message, 'Thinking level MEDIUM is not supported for this model. Please retry with other thinking level.');
  assert.equal(gemini('gemini-3-pro-preview', { thinkingConfig: { thinkingLevel: 'high' } }), undefined);
  assert.equal(gemini('gemini-3.1-pro-preview', { thinkingConfig: { thinkingLevel: 'MEDIUM' } }), undefined);
  assert.equal(gemini('gemini-3.1-pro-preview', { thinkingConfig: { thinkingLevel: 'MINIMAL' } })?.rule, 'gemini.model.thinking-levels');
  assert.equal(gemini('gemini-3.1-pro-preview', { thinkingConfig: { thinkingBudget: 0 } })?.rule, 'gemini.model.gemini-3-pro-thinking');
  assert.equal(gemini('gemini-3-flash-preview', { thinkingConfig: { thinkingLevel: 'MINIMAL' } }), undefined);
});

test('gpt-5.4 refuses function tools with a reasoning effort on Chat Completions; GPT-5.6 and GPT-6 unless the effort is none', () => {
  const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];
  assert.equal(chat({ model: 'gpt-5.4', tools, reasoning_effort: 'low' })?.message, 'Function tools with reasoning_effort are not supported for gpt-5.4 in /v1/chat/completions. Please use /v1/responses instead.');
  assert.equal(chat({ model: 'gpt-5.4', tools }), undefined, 'gpt-5.4 does not reason by default');
  assert.equal(chat({ model: 'gpt-5.4', reasoning_effort: 'high' }), undefined, 'no tools');
  assert.equal(
    chat({ model: 'gpt-5.6-sol', tools })?.message,
    "Function tools with reasoning_effort are not supported for gpt-5.6-sol in /v1/chat/completions. To use function tools, use /v1/responses or set reasoning_effort to 'none'.",
  );
  assert.equal(chat({ model: 'gpt-6-luna', tools, reasoning_effort: 'none' }), undefined);
  assert.equal(chat({ model: 'gpt-6-astra', tools, reasoning_effort: 'none' })?.rule, 'openai-chat.model.effort-values', 'Astra cannot turn reasoning off');
  assert.equal(chat({ model: 'gpt-6.2-sol', reasoning_effort: 'none' })?.rule, 'openai-chat.model.effort-values');
  assert.equal(chat({ model: 'gpt-6.1-terra', temperature: 0.2, reasoning_effort: 'none' }), undefined);
  assert.equal(chat({ model: 'gpt-6.1-terra', temperature: 0.2 })?.rule, 'openai-chat.model.temperature-while-reasoning');
  assert.equal(responses({ model: 'gpt-6-astra', tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: {} } }], reasoning: { effort: 'high' } }), undefined);
  assert.equal(responses({ model: 'gpt-6-astra', reasoning: { effort: 'none' } })?.rule, 'openai-responses.model.effort-values');
});

test('OpenAI reasoning models refuse an effort word beyond those each takes, in either API', () => {
  assert.equal(chat({ model: 'gpt-5-mini', reasoning_effort: 'xhigh' })?.message, "Unsupported value: 'reasoning_effort' does not support 'xhigh' with this model. Supported values are: 'minimal', 'low', 'medium', and 'high'.");
  assert.equal(responses({ model: 'gpt-5.1', reasoning: { effort: 'xhigh' } })?.message, "Unsupported value: 'xhigh' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low', 'medium', and 'high'.");
  for (const [model, effort] of [['o3', 'none'], ['o4-mini', 'xhigh'], ['gpt-5', 'none'], ['gpt-5.2', 'max']] as const) {
    assert.equal(chat({ model, reasoning_effort: effort })?.rule, 'openai-chat.model.effort-values', `${model} ${effort}`);
  }
  for (const [model, effort] of [['gpt-5.2', 'xhigh'], ['gpt-5.1', 'none'], ['gpt-5-nano', 'minimal'], ['gpt-6-sol', 'max']] as const) {
    assert.equal(chat({ model, reasoning_effort: effort })?.rule, undefined, `${model} ${effort}`);
  }
  assert.equal(responses({ model: 'gpt-5.1-codex-max', reasoning: { effort: 'xhigh' } })?.rule, undefined);
});

test('gpt-5-chat-latest refuses any reasoning effort; gpt-5.x-chat-latest take medium only, in either API', () => {
  const chatRefusal = chat({ model: 'gpt-5-chat-latest', reasoning_effort: 'medium' });
  assert.equal(chatRefusal?.rule, 'openai-chat.model.chat-model-effort');
  assert.deepEqual(chatRefusal.body, {
    error: { message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.", type: 'invalid_request_error', param: 'reasoning_effort', code: 'unsupported_parameter' },
  });
  assert.equal(responses({ model: 'gpt-5-chat-latest', reasoning: { effort: 'low' } })?.message, "Unsupported parameter: 'reasoning.effort' is not supported with this model.");
  assert.equal(chat({ model: 'gpt-5-chat-latest' }), undefined);
  for (const model of ['gpt-5.1-chat-latest', 'gpt-5.2-chat-latest', 'gpt-5.3-chat-latest']) {
    assert.equal(
      chat({ model, reasoning_effort: 'high' })?.message,
      "Unsupported value: 'reasoning_effort' does not support 'high' with this model. Supported values are: 'medium'.",
      model,
    );
    assert.equal(chat({ model, reasoning_effort: 'low' })?.rule, 'openai-chat.model.effort-values', model);
    assert.equal(chat({ model, reasoning_effort: 'medium' }), undefined, model);
  }
  assert.equal(
    responses({ model: 'gpt-5.1-chat-latest', reasoning: { effort: 'high' } })?.message,
    "Unsupported value: 'high' is not supported with the 'gpt-5.1-chat-latest' model. Supported values are: 'medium'.",
  );
});

test('Models served by the Responses API only answer 404 on Chat Completions, in OpenAI’s words; Responses serves them', () => {
  for (const model of ['o3-pro', 'o3-pro-2025-06-10', 'o1-pro', 'gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.1-codex-mini', 'gpt-5.1-codex-max', 'codex-mini-latest']) {
    const refusal = chat({ model });
    assert.equal(refusal?.rule, 'openai-chat.model.responses-only', model);
    assert.equal(refusal.status, 404);
    assert.deepEqual(refusal.body, { error: { message: 'This model is only supported in v1/responses and not in v1/chat/completions.', type: 'invalid_request_error', param: 'model', code: null } });
    assert.equal(responses({ model }), undefined, model);
  }
  for (const model of ['o3', 'gpt-5', 'gpt-5.1', 'codex-mini-2']) assert.equal(chat({ model }), undefined, model);
});

test('OpenAI reasoning models refuse temperature other than 1, top_p and max_tokens on Chat Completions', () => {
  assert.equal(chat({ model: 'o3', temperature: 0.2 })?.message, "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.");
  assert.equal(chat({ model: 'gpt-5', temperature: 1 }), undefined);
  assert.equal(chat({ model: 'gpt-5-mini', top_p: 0.5 })?.rule, 'openai-chat.model.reasoning-top-p');
  assert.equal(chat({ model: 'o4-mini', max_tokens: 100 })?.rule, 'openai-chat.model.reasoning-max-tokens');
  assert.equal(chat({ model: 'o4-mini', max_completion_tokens: 100, reasoning_effort: 'high' }), undefined);
  assert.equal(chat({ model: 'gpt-4o', temperature: 0.2, top_p: 0.5, max_tokens: 100 }), undefined);
});

test('gpt-5, gpt-5-mini, gpt-5.1, gpt-5.2, o3 and o4-mini refuse stop on Chat Completions; gpt-4o and gpt-5.5 take it', () => {
  for (const model of ['gpt-5', 'gpt-5-mini-2025-08-07', 'gpt-5.1', 'gpt-5.2', 'o3', 'o3-2025-04-16', 'o4-mini']) {
    const refusal = chat({ model, stop: ['END'] });
    assert.equal(refusal?.rule, 'openai-chat.model.no-stop', model);
    assert.equal(refusal.message, "Unsupported parameter: 'stop' is not supported with this model.");
  }
  for (const model of ['gpt-4o', 'gpt-5.5']) assert.equal(chat({ model, stop: ['END'] }), undefined, model);
});

test('o1, o3, o3-mini and o4-mini refuse parallel_tool_calls on Chat Completions, either value; gpt-4o and gpt-5 take it', () => {
  const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];
  for (const model of ['o1', 'o3', 'o3-mini', 'o4-mini-2025-04-16']) {
    for (const value of [false, true]) {
      const refusal = chat({ model, tools, parallel_tool_calls: value });
      assert.equal(refusal?.rule, 'openai-chat.model.no-parallel-tool-calls', `${model} ${value}`);
      assert.equal(refusal.message, "Unsupported parameter: 'parallel_tool_calls' is not supported with this model.");
    }
    assert.equal(chat({ model, tools }), undefined, model);
  }
  for (const model of ['gpt-4o', 'gpt-5']) assert.equal(chat({ model, tools, parallel_tool_calls: false }), undefined, model);
});

test('gpt-5, its mini and o3-mini refuse presence and frequency penalties; gpt-4o takes them', () => {
  assert.equal(chat({ model: 'gpt-5', frequency_penalty: 0.5 })?.message, "Unsupported parameter: 'frequency_penalty' is not supported with this model.");
  assert.equal(chat({ model: 'gpt-5-mini', presence_penalty: 0.5 })?.message, "Unsupported parameter: 'presence_penalty' is not supported with this model.");
  assert.equal(chat({ model: 'o3-mini', presence_penalty: 0.5 })?.rule, 'openai-chat.model.reasoning-penalties');
  assert.equal(chat({ model: 'gpt-4o', presence_penalty: 0.5, frequency_penalty: 0.5 }), undefined);
});

test('o-series and gpt-5.1 on refuse the minimal effort; gpt-5 takes it', () => {
  assert.equal(chat({ model: 'gpt-5.1', reasoning_effort: 'minimal' })?.rule, 'openai-chat.model.minimal-effort');
  assert.equal(chat({ model: 'o3', reasoning_effort: 'minimal' })?.rule, 'openai-chat.model.minimal-effort');
  assert.equal(responses({ model: 'gpt-5.1', reasoning: { effort: 'minimal' } })?.message, "Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low', 'medium', and 'high'.");
  for (const model of ['gpt-5', 'gpt-5-mini']) assert.equal(chat({ model, reasoning_effort: 'minimal' }), undefined, model);
  assert.equal(chat({ model: 'gpt-5.1', reasoning_effort: 'low' }), undefined);
});

test('gpt-4o refuses reasoning_effort and more than 16384 output tokens', () => {
  const effort = chat({ model: 'gpt-4o', reasoning_effort: 'high' });
  assert.equal(effort?.rule, 'openai-chat.model.no-reasoning-effort');
  assert.equal(effort.message, 'Unrecognized request argument supplied: reasoning_effort');
  assert.equal(
    chat({ model: 'gpt-4o-2024-08-06', max_completion_tokens: 32000 })?.message,
    'max_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you provided 32000.',
  );
  assert.equal(chat({ model: 'gpt-4o-mini', max_tokens: 16384 }), undefined);
  assert.equal(chat({ model: 'gpt-4.1-2025-04-14', max_completion_tokens: 32769 })?.rule, 'openai-chat.model.output-limit');
  assert.equal(chat({ model: 'gpt-4.1-nano', max_completion_tokens: 32768 }), undefined);
  assert.equal(chat({ model: 'gpt-4-turbo', max_tokens: 10000 })?.message, 'max_tokens is too large: 10000. This model supports at most 4096 completion tokens, whereas you provided 10000.');
});

test('Responses: reasoning models refuse temperature and top_p; models that do not reason refuse reasoning.effort', () => {
  assert.equal(responses({ model: 'gpt-5', temperature: 0.7 })?.message, "Unsupported parameter: 'temperature' is not supported with this model.");
  assert.equal(responses({ model: 'o3', top_p: 0.7 })?.rule, 'openai-responses.model.reasoning-top-p');
  assert.equal(responses({ model: 'gpt-4.1', reasoning: { effort: 'low' } })?.message, "Unsupported parameter: 'reasoning.effort' is not supported with this model.");
  assert.equal(responses({ model: 'gpt-5', reasoning: { effort: 'low' } }), undefined);
});

test('Responses: a model that does not reason refuses reasoning input items; a reasoning model takes them', () => {
  const reasoned = [
    { role: 'user', content: 'read a' },
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'I will read a.' }], encrypted_content: 'gAAAAABo' },
    { type: 'function_call', call_id: 'call_abc', name: 'read', arguments: '{"path":"a"}' },
    { type: 'function_call_output', call_id: 'call_abc', output: 'hello' },
  ];
  const refusal = responses({ model: 'gpt-4.1-2025-04-14', input: reasoned });
  assert.equal(refusal?.rule, 'openai-responses.model.reasoning-input-items');
  assert.equal(refusal.message, 'Reasoning input items can only be provided to a reasoning or computer use model.');
  assert.equal(responses({ model: 'gpt-4o', input: reasoned.filter((item) => item.type !== 'reasoning') }), undefined);
  assert.equal(responses({ model: 'gpt-5', input: reasoned }), undefined);
});

test('Gemini: thinking budgets per 2.5 model, thinkingLevel only from Gemini 3, no thinking on 2.0', () => {
  assert.equal(gemini('gemini-2.5-pro', { thinkingConfig: { thinkingBudget: 0 } })?.message, 'Budget 0 is invalid. This model only works in thinking mode.');
  assert.equal(gemini('gemini-2.5-pro', { thinkingConfig: { thinkingBudget: 64 } })?.message, 'thinking_budget is out of range; supported values are integers from 128 to 32768.');
  assert.equal(gemini('gemini-2.5-pro', { thinkingConfig: { thinkingBudget: 32768 } }), undefined);
  assert.equal(gemini('gemini-2.5-flash', { thinkingConfig: { thinkingBudget: 32768 } })?.rule, 'gemini.model.thinking-budget-range');
  assert.equal(gemini('gemini-2.5-flash', { thinkingConfig: { thinkingBudget: 0 } }), undefined);
  assert.equal(gemini('gemini-2.5-flash-lite', { thinkingConfig: { thinkingBudget: 256 } })?.rule, 'gemini.model.thinking-budget-range');
  assert.equal(gemini('gemini-2.5-flash', { thinkingConfig: { thinkingBudget: -1 } }), undefined);
  assert.equal(gemini('gemini-2.5-flash', { thinkingConfig: { thinkingLevel: 'low' } })?.message, 'Thinking level is not supported for this model.');
  assert.equal(gemini('gemini-3-pro-preview', { thinkingConfig: { thinkingLevel: 'low' } }), undefined);
  assert.equal(gemini('gemini-2.0-flash', { thinkingConfig: { thinkingBudget: 1024 } })?.message, 'thinking_config is not supported.');
  assert.deepEqual(gemini('gemini-2.0-flash', { thinkingConfig: { includeThoughts: true } })?.body, { error: { code: 400, message: 'thinking_config is not supported.', status: 'INVALID_ARGUMENT' } });
});

test('Gemini: more output than the model writes is refused, 8192 for 1.5 and 2.0, 65536 for 2.5 and 3', () => {
  assert.equal(
    gemini('gemini-2.0-flash', { maxOutputTokens: 65536 })?.message,
    'Unable to submit request because it has a maxOutputTokens value of 65536 but the supported range is from 1 (inclusive) to 8193 (exclusive). Update the value and try again.',
  );
  assert.equal(gemini('gemini-2.0-flash-001', { maxOutputTokens: 8192 }), undefined);
  assert.equal(gemini('gemini-3.1-pro-preview', { maxOutputTokens: 100000 })?.rule, 'gemini.model.output-limit');
  assert.equal(gemini('gemini-2.5-flash-lite', { maxOutputTokens: 65536 }), undefined);
  assert.equal(gemini('gemini-1.5-pro', { maxOutputTokens: 8193 })?.rule, 'gemini.model.output-limit');
});

test('Gemini: JSON output beside tools is refused before Gemini 3, taken from it', () => {
  const withTools = (model: string, generationConfig: Record<string, unknown>) =>
    judgeRequest(post(`/v1beta/models/${model}:generateContent`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], tools: [{ functionDeclarations: [{ name: 'lookup' }] }], generationConfig }));
  assert.equal(withTools('gemini-2.5-flash', { responseMimeType: 'application/json' })?.message, "Tool use with a response mime type: 'application/json' is unsupported");
  assert.equal(withTools('gemini-2.5-flash', { responseMimeType: 'text/plain' }), undefined);
  assert.equal(withTools('gemini-3-flash-preview', { responseMimeType: 'application/json' }), undefined);
  assert.equal(gemini('gemini-2.5-flash', { responseMimeType: 'application/json' }), undefined, 'without tools');
});
