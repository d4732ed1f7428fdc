/**
 * The Azure OpenAI and Vertex AI judges serve what the platforms served (recorded requests at their
 * recorded paths) and refuse what the platforms refuse: a wrong path, no credentials, a Claude body
 * in Anthropic's own shape — each in the platform's error body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest, type JudgedRequest } from '../support/vendor-rules/index.js';
import { readFixtureJson } from '../support/fixtures.js';

const request = (url: string, headers: JudgedRequest['headers'], body: unknown): JudgedRequest => ({ method: 'POST', url, headers, body });

test('azure-openai: recorded requests at their recorded paths are served, with a key or an Entra ID token', () => {
  // Paths from the MANIFEST lines of test/fixtures/recorded/azure-openai (fantasy-gpt5mini-chat-tool.i0, fantasy-gpt5mini-responses-v1).
  const chat = readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.request.json');
  assert.equal(judgeRequest(request('/openai/deployments/gpt-5-mini/chat/completions?api-version=2025-01-01-preview', { 'api-key': 'k' }, chat)), undefined);
  assert.equal(judgeRequest(request('/openai/v1/chat/completions', { authorization: 'Bearer entra' }, chat)), undefined);
  const responses = readFixtureJson('azure-openai/fantasy-gpt5mini-responses-v1.request.json');
  assert.equal(judgeRequest(request('/openai/v1/responses', { 'api-key': 'k' }, responses)), undefined);
});

test('azure-openai: a dated path without api-version is a 404, a request without credentials a 401, in Azure’s body', () => {
  const chat = readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.request.json');
  const noVersion = judgeRequest(request('/openai/deployments/gpt-5-mini/chat/completions', { 'api-key': 'k' }, chat));
  assert.equal(noVersion?.status, 404);
  assert.deepEqual(noVersion?.body, { error: { code: '404', message: 'Resource not found' } });
  const anonymous = judgeRequest(request('/openai/v1/chat/completions', {}, chat));
  assert.equal(anonymous?.status, 401);
  assert.match(JSON.stringify(anonymous?.body), /"code":"401","message":"Access denied due to invalid subscription key/);
});

test('azure-openai: the bodies are judged by OpenAI’s rules, per operation', () => {
  const refused = judgeRequest(request('/openai/v1/chat/completions', { 'api-key': 'k' }, { model: 'gpt-5-mini', messages: [] }));
  assert.equal(refused?.rule, 'openai-chat.messages.required');
  assert.equal((refused?.body as { error: { type: string } }).error.type, 'invalid_request_error');
  assert.equal(judgeRequest(request('/openai/v1/chat/completions', { 'api-key': 'k' }, { messages: [{ role: 'user', content: 'hi' }] }))?.rule, 'azure-openai.v1.model-is-deployment');
});

test('azure-openai: an older dated api-version refuses the fields it predates, in Azure’s words', () => {
  const path = (version: string) => `/openai/deployments/gpt-4o/chat/completions?api-version=${version}`;
  const judged = (version: string, body: Record<string, unknown>) => judgeRequest(request(path(version), { 'api-key': 'k' }, { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body }));
  const refused = judged('2024-08-01-preview', { max_completion_tokens: 100 });
  assert.equal(refused?.rule, 'azure-openai.api-version.fields');
  assert.deepEqual(refused?.body, { error: { message: 'Unrecognized request argument supplied: max_completion_tokens', type: 'invalid_request_error', param: null, code: null } });
  assert.equal(judged('2024-06-01', { stream: true, stream_options: { include_usage: true } })?.rule, 'azure-openai.api-version.fields');
  const schema = judged('2024-06-01', { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } } });
  assert.deepEqual(schema?.body, { error: { code: 'BadRequest', message: 'response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later' } });
  const tools = [{ type: 'function', function: { name: 'read', parameters: { type: 'object', properties: {} } } }];
  assert.equal(judged('2024-05-01-preview', { tools, parallel_tool_calls: false })?.message, 'Unrecognized request argument supplied: parallel_tool_calls');
  assert.equal(judged('2024-10-21', { max_completion_tokens: 100, tools, parallel_tool_calls: false }), undefined);
  assert.equal(judged('2024-09-01-preview', { stream: true, stream_options: { include_usage: true } }), undefined);
});

test('azure-openai: reasoning_effort is unknown before 2024-12-01-preview, refused in Azure’s words with its param and code', () => {
  const judged = (version: string) =>
    judgeRequest(request(`/openai/deployments/o3-mini/chat/completions?api-version=${version}`, { 'api-key': 'k' }, { model: 'o3-mini', messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'low' }));
  const refused = judged('2024-08-01-preview');
  assert.equal(refused?.rule, 'azure-openai.api-version.fields');
  // run-llama/llama_index#17731, the body quoted whole.
  assert.deepEqual(refused?.body, { error: { message: "Unknown parameter: 'reasoning_effort'.", type: 'invalid_request_error', param: 'reasoning_effort', code: 'unknown_parameter' } });
  assert.equal(judged('2024-10-21')?.rule, 'azure-openai.api-version.fields');
  assert.equal(judged('2024-12-01-preview'), undefined);
  assert.equal(judged('2025-04-01-preview'), undefined);
});

test('vertex: recorded Gemini and Claude requests at Vertex’s paths are served with a bearer token', () => {
  const bearer = { authorization: 'Bearer ya29.token' };
  // test/fixtures/recorded/vertex MANIFEST: fantasy-gemini25flash-generateContent-tool.i0 and fantasy-anthropic-rawPredict-claude37-tool.i0.
  const gemini = readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i0.request.json');
  assert.equal(judgeRequest(request('/v1beta1/projects/p/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent', bearer, gemini)), undefined);
  const claude = readFixtureJson('vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.request.json');
  assert.equal(judgeRequest(request('/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219:rawPredict', bearer, claude)), undefined);
});

test('vertex: a key instead of a token is a 401 UNAUTHENTICATED; a Claude body with model and no vertex version is refused in Anthropic’s body', () => {
  const gemini = readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i0.request.json');
  const keyed = judgeRequest(request('/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent', { 'x-goog-api-key': 'k' }, gemini));
  assert.equal(keyed?.status, 401);
  assert.deepEqual((keyed?.body as { error: { status: string } }).error.status, 'UNAUTHENTICATED');
  assert.match(keyed?.message ?? '', /^API keys are not supported by this API/);
  const claude = readFixtureJson('vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.request.json') as Record<string, unknown>;
  const anthropicShaped = { ...claude, model: 'claude-3-7-sonnet-20250219', anthropic_version: undefined };
  const refused = judgeRequest(request('/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219:rawPredict', { authorization: 'Bearer t' }, anthropicShaped));
  assert.equal(refused?.rule, 'vertex.anthropic.version-in-body');
  assert.equal((refused?.body as { type: string }).type, 'error');
  const wrongMethod = judgeRequest(request('/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219:generateContent', { authorization: 'Bearer t' }, claude));
  assert.equal(wrongMethod?.status, 404);
});

test('bedrock: with Claude thinking on, a tool turn must open with reasoningContent on Converse, and with a thinking block on InvokeModel', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const toolLoop = (opening: Array<Record<string, unknown>>) => [
    { role: 'user', content: [{ text: 'Weather in Paris?' }] },
    { role: 'assistant', content: opening },
    { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'Sunny' }] } }] },
  ];
  const toolUse = { toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } };
  const converse = (opening: Array<Record<string, unknown>>, thinking: unknown) => ({
    messages: toolLoop(opening),
    toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] },
    additionalModelRequestFields: { thinking },
  });
  const path = '/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse';
  const refused = judgeRequest(request(path, signed, converse([toolUse], { type: 'enabled', budget_tokens: 2048 })));
  assert.equal(refused?.rule, 'bedrock.converse.claude-thinking.tool-turn-opens-with-reasoning');
  assert.equal(refused?.status, 400);
  assert.match(refused?.message ?? '', /^The model returned the following errors: messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`/);
  const reasoning = { reasoningContent: { reasoningText: { text: 'One call.', signature: 'sig' } } };
  assert.equal(judgeRequest(request(path, signed, converse([reasoning, toolUse], { type: 'enabled', budget_tokens: 2048 }))), undefined);
  assert.equal(judgeRequest(request(path, signed, converse([toolUse], { type: 'disabled' }))), undefined);
  assert.equal(judgeRequest(request('/model/amazon.nova-micro-v1%3A0/converse', signed, converse([toolUse], { type: 'enabled', budget_tokens: 2048 }))), undefined, 'the rule is Claude’s');

  // InvokeModel's body is Anthropic's, judged by Anthropic's thinking rules.
  const invoke = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 4096,
    thinking: { type: 'enabled', budget_tokens: 2048 },
    messages: [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny' }] },
    ],
  };
  const invokePath = '/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke';
  assert.equal(judgeRequest(request(invokePath, signed, invoke))?.rule, 'bedrock.invoke.anthropic.thinking.tool-turn-opens-with-thinking');
  const unsigned = { ...invoke, messages: [invoke.messages[0], { role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }, invoke.messages[1]!.content[0]] }, invoke.messages[2]] };
  assert.equal(judgeRequest(request(invokePath, signed, unsigned))?.rule, 'bedrock.invoke.anthropic.thinking.signed-blocks');
});

test('bedrock: InvokeModel takes the betas Bedrock has enabled in the body’s anthropic_beta, refuses any other, and a block binding needs its beta', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const path = '/model/us.anthropic.claude-opus-5-5-v1%3A0/invoke';
  const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] };
  assert.equal(judgeRequest(request(path, signed, { ...body, anthropic_beta: ['interleaved-thinking-2025-05-14', 'thinking-binding-controls-2026-08-01'] })), undefined);
  const refused = judgeRequest(request(path, signed, { ...body, anthropic_beta: ['interleaved-thinking-2025-05-14', 'extended-cache-ttl-2025-04-11'] }));
  assert.equal(refused?.rule, 'bedrock.invoke.beta-flags');
  assert.deepEqual(refused?.body, { message: 'invalid beta flag' });
  assert.match(refused?.headers?.['x-amzn-errortype'] ?? '', /^ValidationException:/);
  const bound = { ...body, thinking: { type: 'adaptive', block_binding: { prefix_mismatch_behavior: 'drop_block' } } };
  assert.equal(judgeRequest(request(path, signed, bound))?.rule, 'bedrock.invoke.block-binding-beta');
  assert.equal(judgeRequest(request(path, { ...signed, 'anthropic-beta': 'thinking-binding-controls-2026-08-01' }, bound))?.rule, 'bedrock.invoke.block-binding-beta', 'a header is not where Bedrock reads betas');
  assert.equal(judgeRequest(request(path, signed, { ...bound, anthropic_beta: ['thinking-binding-controls-2026-08-01'] })), undefined);
});

test('vertex: Claude takes the betas Vertex has enabled in the anthropic-beta header, refuses any other in Anthropic’s words, and a block binding needs its beta', () => {
  const path = '/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-opus-5-5@20261101:rawPredict';
  const body = { anthropic_version: 'vertex-2023-10-16', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] };
  const bearer = { authorization: 'Bearer t' };
  assert.equal(judgeRequest(request(path, { ...bearer, 'anthropic-beta': 'context-1m-2025-08-07,thinking-binding-controls-2026-08-01' }, body)), undefined);
  const refused = judgeRequest(request(path, { ...bearer, 'anthropic-beta': 'extended-cache-ttl-2025-04-11,effort-2025-11-24' }, body));
  assert.equal(refused?.rule, 'vertex.anthropic.beta-header');
  assert.deepEqual((refused?.body as { error: unknown }).error, {
    type: 'invalid_request_error',
    message: 'Unexpected value(s) `extended-cache-ttl-2025-04-11`, `effort-2025-11-24` for the `anthropic-beta` header. Please consult our documentation at docs.anthropic.com or try again without the header.',
  });
  const bound = { ...body, thinking: { type: 'adaptive', block_binding: { prefix_mismatch_behavior: 'drop_block' } } };
  assert.equal(judgeRequest(request(path, bearer, bound))?.rule, 'vertex.anthropic.block-binding-beta');
  assert.equal(judgeRequest(request(path, { ...bearer, 'anthropic-beta': 'thinking-binding-controls-2026-08-01' }, bound)), undefined);
});

test('bedrock: Converse takes Claude’s betas and thinking in additionalModelRequestFields, the binding with its beta, and refuses a beta not enabled there', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const path = '/model/us.anthropic.claude-opus-5-5-v1%3A0/converse';
  const body = (fields: Record<string, unknown>) => ({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }], additionalModelRequestFields: fields });
  const thinking = { type: 'adaptive', block_binding: { prefix_mismatch_behavior: 'drop_block' } };
  assert.equal(judgeRequest(request(path, signed, body({ thinking })))?.rule, 'bedrock.converse.claude-betas');
  assert.equal(judgeRequest(request(path, signed, body({ thinking, anthropic_beta: ['thinking-binding-controls-2026-08-01'] }))), undefined);
  const refused = judgeRequest(request(path, signed, body({ anthropic_beta: ['extended-cache-ttl-2025-04-11'] })));
  assert.equal(refused?.rule, 'bedrock.converse.claude-betas');
  assert.deepEqual(refused?.body, { message: 'The model returned the following errors: invalid beta flag' });
  assert.equal(judgeRequest(request('/model/amazon.nova-micro-v1%3A0/converse', signed, body({ thinking }))), undefined, 'the rule is Claude’s');
});

test('vertex: each publisher’s per-model rules hold, with the model of the path: Claude’s in Anthropic’s body, Gemini’s in Google’s', () => {
  const bearer = { authorization: 'Bearer t' };
  const claude = { anthropic_version: 'vertex-2023-10-16', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] };
  const opus47 = '/v1/projects/p/locations/global/publishers/anthropic/models/claude-opus-4-7@20260416:rawPredict';
  const sampled = judgeRequest(request(opus47, bearer, { ...claude, temperature: 0.2 }));
  assert.equal(sampled?.rule, 'anthropic.model.sampling-removed');
  assert.equal((sampled?.body as { type: string }).type, 'error');
  assert.equal(judgeRequest(request(opus47, bearer, claude)), undefined);
  assert.equal(judgeRequest(request(opus47.replace('claude-opus-4-7@20260416', 'claude-sonnet-4-5@20250929'), bearer, { ...claude, temperature: 0.2 })), undefined, 'a model that takes it');
  const pro = '/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent';
  const off = judgeRequest(request(pro, bearer, { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { thinkingConfig: { thinkingBudget: 0 } } }));
  assert.equal(off?.rule, 'gemini.model.thinking-budget-range');
  assert.deepEqual(off?.body, { error: { code: 400, message: 'Budget 0 is invalid. This model only works in thinking mode.', status: 'INVALID_ARGUMENT' } });
});

test('bedrock: Claude’s per-model rules hold on InvokeModel with the model of the path, in the words Bedrock relays them with', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const body = { anthropic_version: 'bedrock-2023-05-31', messages: [{ role: 'user', content: 'Hi' }] };
  const opus55 = '/model/global.anthropic.claude-opus-5-5-v1%3A0/invoke';
  const forced = judgeRequest(request(opus55, signed, { ...body, max_tokens: 1024, tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'any' } }));
  assert.equal(forced?.rule, 'bedrock.invoke.anthropic.model.no-forced-tool-choice');
  assert.match(forced?.message ?? '', /^The model returned the following errors: /);
  assert.deepEqual(Object.keys(forced?.body as object), ['message']);
  const haiku3 = '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke';
  assert.equal(judgeRequest(request(haiku3, signed, { ...body, max_tokens: 8192 }))?.rule, 'bedrock.invoke.anthropic.model.output-limit');
  assert.equal(judgeRequest(request(haiku3, signed, { ...body, max_tokens: 4096 })), undefined);
});

test('bedrock: InvokeModel refuses output_config.format for the Claude models whose Bedrock schema lacks it, and takes it from the others', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const format = { type: 'json_schema', schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false } };
  const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 1024, messages: [{ role: 'user', content: 'Name a person.' }], output_config: { format } };
  for (const id of ['us.anthropic.claude-opus-4-7', 'anthropic.claude-opus-4-8-v1%3A0', 'global.anthropic.claude-opus-5', 'anthropic.claude-sonnet-5', 'anthropic.claude-fable-5']) {
    const refused = judgeRequest(request(`/model/${id}/invoke`, signed, body));
    assert.equal(refused?.rule, 'bedrock.invoke.claude-no-output-format', id);
    assert.deepEqual(refused?.body, { message: 'The model returned the following errors: output_config.format: Extra inputs are not permitted' });
  }
  assert.equal(judgeRequest(request('/model/us.anthropic.claude-opus-4-7/invoke-with-response-stream', signed, { ...body, output_config: { effort: 'low' } })), undefined, 'effort alone is taken');
  assert.equal(judgeRequest(request('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke', signed, body)), undefined, 'Sonnet 4.5 takes it on Bedrock');
});

test('bedrock: Claude’s per-model rules hold on Converse, read from inferenceConfig, toolConfig and the model fields', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const body = { messages: [{ role: 'user', content: [{ text: 'Hi' }] }] };
  const haiku45 = '/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse';
  const long = judgeRequest(request(haiku45, signed, { ...body, inferenceConfig: { maxTokens: 100000 } }));
  assert.equal(long?.rule, 'bedrock.converse.anthropic.model.output-limit');
  assert.match(long?.message ?? '', /^The model returned the following errors: max_tokens: 100000 > 64000/);
  assert.equal(judgeRequest(request(haiku45, signed, { ...body, inferenceConfig: { maxTokens: 64000 } })), undefined);
  assert.equal(judgeRequest(request(haiku45, signed, { ...body, inferenceConfig: { temperature: 0.5, topP: 0.9 } }))?.rule, 'bedrock.converse.anthropic.model.temperature-with-top-p');
  const tools = { tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }] };
  const opus55 = '/model/global.anthropic.claude-opus-5-5-v1%3A0/converse';
  assert.equal(judgeRequest(request(opus55, signed, { ...body, toolConfig: { ...tools, toolChoice: { any: {} } } }))?.rule, 'bedrock.converse.anthropic.model.no-forced-tool-choice');
  assert.equal(judgeRequest(request(opus55, signed, { ...body, toolConfig: { ...tools, toolChoice: { auto: {} } } })), undefined);
  assert.equal(judgeRequest(request('/model/amazon.nova-pro-v1%3A0/converse', signed, { ...body, inferenceConfig: { maxTokens: 100000 } })), undefined, 'Claude’s rules are Claude’s');
});

test('bedrock: Converse refuses a message whose text is only whitespace, and an empty or blank text in a tool result', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const path = '/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse';
  const toolUse = { toolUse: { toolUseId: 'tool_1', name: 'weather', input: {} } };
  const toolConfig = { tools: [{ toolSpec: { name: 'weather', inputSchema: { json: { type: 'object' } } } }] };
  const blank = judgeRequest(request(path, signed, { messages: [{ role: 'user', content: [{ text: 'Hi' }] }, { role: 'assistant', content: [{ text: '\n\n' }] }, { role: 'user', content: [{ text: 'what?' }] }] }));
  assert.equal(blank?.rule, 'bedrock.converse.text.not-blank');
  assert.equal(blank?.message, 'The text field in the ContentBlock object at messages.1.content.0 is blank. Add text to the text field, and try again.');
  assert.equal(judgeRequest(request(path, signed, { messages: [{ role: 'user', content: [{ text: 'Hi' }, { text: '\n' }] }] })), undefined, 'a blank block beside text is served');
  const result = (text: string) => ({ toolConfig, messages: [{ role: 'user', content: [{ text: 'Weather?' }] }, { role: 'assistant', content: [toolUse] }, { role: 'user', content: [{ toolResult: { toolUseId: 'tool_1', content: [{ text }] } }] }] });
  assert.match(judgeRequest(request(path, signed, result('')))?.message ?? '', /text content blocks must be non-empty$/);
  assert.match(judgeRequest(request(path, signed, result(' \n')))?.message ?? '', /text content blocks must contain non-whitespace text$/);
  assert.equal(judgeRequest(request(path, signed, result('sunny'))), undefined);
});

test('bedrock: Converse refuses an empty tool description, and takes none', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const path = '/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse';
  const body = (description?: string) => ({
    messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    toolConfig: { tools: [{ toolSpec: { name: 'read', description: 'Reads.', inputSchema: { json: { type: 'object' } } } }, { toolSpec: { name: 'focus', ...(description !== undefined ? { description } : {}), inputSchema: { json: { type: 'object' } } } }] },
  });
  const refusal = judgeRequest(request(path, signed, body('')));
  assert.equal(refusal?.rule, 'bedrock.converse.tool-spec.description-length');
  assert.equal(refusal?.message, "1 validation error detected: Value at 'toolConfig.tools.2.member.toolSpec.description' failed to satisfy constraint: Member must have length greater than or equal to 1");
  assert.equal(judgeRequest(request(path, signed, body())), undefined);
  assert.equal(judgeRequest(request(path, signed, body('Focus.'))), undefined);
});

test('bedrock: a Converse conversation opens with a user message and alternates', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const path = '/model/amazon.nova-pro-v1%3A0/converse';
  const turn = (role: string, text: string) => ({ role, content: [{ text }] });
  const judged = (messages: unknown[]) => judgeRequest(request(path, signed, { system: [{ text: 'Be brief.' }], messages }))?.rule;
  assert.equal(judged([]), 'bedrock.converse.messages.start-with-user');
  assert.equal(judged([turn('assistant', 'Hello!'), turn('user', 'Hi')]), 'bedrock.converse.messages.start-with-user');
  assert.equal(judged([turn('user', 'Hi'), turn('user', 'there')]), 'bedrock.converse.messages.alternate');
  assert.equal(judged([turn('user', 'Hi'), turn('assistant', 'Hello!'), turn('user', 'Bye')]), undefined);
});

test('bedrock: Converse wants every call answered in the next turn, and no more results than calls', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const path = '/model/amazon.nova-pro-v1%3A0/converse';
  const toolConfig = { tools: [{ toolSpec: { name: 'read', inputSchema: { json: { type: 'object' } } } }] };
  const call = (id: string) => ({ toolUse: { toolUseId: id, name: 'read', input: {} } });
  const result = (id: string) => ({ toolResult: { toolUseId: id, content: [{ text: 'ok' }] } });
  const judged = (messages: unknown[]) => judgeRequest(request(path, signed, { toolConfig, messages }));
  const question = { role: 'user', content: [{ text: 'Read both.' }] };
  const refusal = judged([question, { role: 'assistant', content: [call('t1'), call('t2')] }, { role: 'user', content: [result('t1')] }]);
  assert.equal(refusal?.rule, 'bedrock.converse.tool-result.follows-tool-use');
  assert.equal(refusal?.message, 'Expected toolResult blocks at messages.2.content for the following Ids: t2');
  assert.equal(
    judged([question, { role: 'assistant', content: [call('t1')] }, { role: 'user', content: [result('t1'), result('t9')] }])?.message,
    'The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.',
  );
  assert.equal(judged([question, { role: 'assistant', content: [call('t1'), call('t2')] }, { role: 'user', content: [result('t2'), result('t1')] }]), undefined);
});

test('bedrock: Meta and Mistral models on Converse take a turn of tool calls or results with nothing else in it; Claude takes both', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const toolConfig = { tools: [{ toolSpec: { name: 'read', inputSchema: { json: { type: 'object' } } } }] };
  const call = { toolUse: { toolUseId: 't1', name: 'read', input: {} } };
  const result = { toolResult: { toolUseId: 't1', content: [{ text: 'ok' }] } };
  const judged = (model: string, messages: unknown[]) => judgeRequest(request(`/model/${encodeURIComponent(model)}/converse`, signed, { toolConfig, messages }));
  const mixedResult = [{ role: 'user', content: [{ text: 'Read.' }] }, { role: 'assistant', content: [call] }, { role: 'user', content: [result, { text: 'And now?' }] }];
  const mixedCall = [{ role: 'user', content: [{ text: 'Read.' }] }, { role: 'assistant', content: [{ text: 'Reading.' }, call] }, { role: 'user', content: [result] }];
  const refusal = judged('us.meta.llama4-maverick-17b-instruct-v1:0', mixedResult);
  assert.equal(refusal?.rule, 'bedrock.converse.templated-model.tool-blocks-alone');
  assert.equal(refusal?.message, 'messages.2.content: Conversation blocks and tool result blocks cannot be provided in the same turn.');
  assert.equal(judged('mistral.mistral-large-2407-v1:0', mixedCall)?.message, 'messages.1.content: Conversation blocks and tool use blocks cannot be provided in the same turn.');
  assert.equal(judged('anthropic.claude-sonnet-4-5-20250929-v1:0', mixedResult), undefined);
  // A cache point beside the results is no conversation block (Llama caches nothing, which its own rule judges).
  const cachedResult = [mixedCall[0], { role: 'assistant', content: [call] }, { role: 'user', content: [result, { cachePoint: { type: 'default' } }] }];
  assert.notEqual(judged('meta.llama3-3-70b-instruct-v1:0', cachedResult)?.rule, 'bedrock.converse.templated-model.tool-blocks-alone');
});

test('bedrock: a forcing tool choice only where AWS documents it (any: Claude, Mistral Large; tool: Claude, Nova)', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const tools = [{ toolSpec: { name: 'read', inputSchema: { json: { type: 'object' } } } }];
  const messages = [{ role: 'user', content: [{ text: 'Read.' }] }];
  const judged = (model: string, toolChoice: unknown) => judgeRequest(request(`/model/${encodeURIComponent(model)}/converse`, signed, { toolConfig: { tools, toolChoice }, messages }));
  const refusal = judged('us.amazon.nova-pro-v1:0', { any: {} });
  assert.equal(refusal?.rule, 'bedrock.converse.tool-choice.by-model');
  assert.equal(refusal?.message, "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again.");
  assert.equal(judged('us.meta.llama4-scout-17b-instruct-v1:0', { tool: { name: 'read' } })?.rule, 'bedrock.converse.tool-choice.by-model');
  assert.equal(judged('mistral.mistral-large-2407-v1:0', { tool: { name: 'read' } })?.rule, 'bedrock.converse.tool-choice.by-model');
  assert.equal(judged('mistral.mistral-large-2407-v1:0', { any: {} }), undefined);
  assert.equal(judged('amazon.nova-lite-v1:0', { tool: { name: 'read' } }), undefined);
  assert.equal(judged('global.anthropic.claude-sonnet-4-5-20250929-v1:0', { any: {} }), undefined);
  assert.equal(judged('meta.llama3-3-70b-instruct-v1:0', { auto: {} }), undefined);
  assert.equal(judged('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', { any: {} }), undefined);
});

test('bedrock: Meta models take tools on Converse but not on ConverseStream', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const toolConfig = { tools: [{ toolSpec: { name: 'read', inputSchema: { json: { type: 'object' } } } }] };
  const messages = [{ role: 'user', content: [{ text: 'Read.' }] }];
  const judged = (model: string, operation: string, body: Record<string, unknown>) => judgeRequest(request(`/model/${encodeURIComponent(model)}/${operation}`, signed, { messages, ...body }));
  const refusal = judged('us.meta.llama4-maverick-17b-instruct-v1:0', 'converse-stream', { toolConfig });
  assert.equal(refusal?.rule, 'bedrock.converse-stream.meta-tool-use');
  assert.equal(refusal?.message, "This model doesn't support tool use in streaming mode.");
  assert.equal(judged('us.meta.llama4-maverick-17b-instruct-v1:0', 'converse', { toolConfig }), undefined);
  assert.equal(judged('us.meta.llama4-maverick-17b-instruct-v1:0', 'converse-stream', {}), undefined);
  assert.equal(judged('us.amazon.nova-pro-v1:0', 'converse-stream', { toolConfig }), undefined);
});

test('bedrock: Titan Text, Mistral 7B and Mixtral take no system prompt on Converse', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const messages = [{ role: 'user', content: [{ text: 'Hi.' }] }];
  const judged = (model: string, system: unknown[]) => judgeRequest(request(`/model/${encodeURIComponent(model)}/converse`, signed, { system, messages }));
  const refusal = judged('mistral.mixtral-8x7b-instruct-v0:1', [{ text: 'Be brief.' }]);
  assert.equal(refusal?.rule, 'bedrock.converse.system.by-model');
  assert.equal(refusal?.message, "This model doesn't support system messages. Try again without a system message or use a model that supports system messages.");
  assert.equal(judged('amazon.titan-text-premier-v1:0', [{ text: 'Be brief.' }])?.rule, 'bedrock.converse.system.by-model');
  assert.equal(judged('amazon.titan-text-express-v1', []), undefined);
  assert.equal(judged('amazon.nova-pro-v1:0', [{ text: 'Be brief.' }]), undefined);
  assert.equal(judged('mistral.mistral-large-2407-v1:0', [{ text: 'Be brief.' }]), undefined);
});

test('bedrock: an image inside a tool result only for Claude, Nova and Llama 4; beside the results for the others', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const toolConfig = { tools: [{ toolSpec: { name: 'screenshot', inputSchema: { json: { type: 'object' } } } }] };
  const image = { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } };
  const call = { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'screenshot', input: {} } }] };
  const nested = [{ role: 'user', content: [{ text: 'Look.' }] }, call, { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [image] } }] }];
  const beside = [{ role: 'user', content: [{ text: 'Look.' }] }, call, { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'Taken.' }] } }, image] }];
  const judged = (model: string, messages: unknown[]) => judgeRequest(request(`/model/${encodeURIComponent(model)}/converse`, signed, { toolConfig, messages }));
  const refusal = judged('us.openai.gpt-5.6-sol', nested);
  assert.equal(refusal?.rule, 'bedrock.converse.tool-result.image-by-model');
  assert.equal(refusal?.message, "This model doesn't support the image field for user messages. Remove image and try again.");
  assert.equal(judged('us.openai.gpt-5.6-sol', beside), undefined);
  for (const model of ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'amazon.nova-pro-v1:0', 'us.meta.llama4-maverick-17b-instruct-v1:0']) assert.equal(judged(model, nested), undefined, model);
});

test('bedrock: Converse refuses an image whose bytes are not the format it names, in the words of the model behind it', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const asking = (format: string) => ({ messages: [{ role: 'user', content: [{ text: 'What is this?' }, { image: { format, source: { bytes: png } } }] }] });
  const judged = (model: string, format: string) => judgeRequest(request(`/model/${encodeURIComponent(model)}/converse`, signed, asking(format)));
  assert.equal(
    judged('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'jpeg')?.message,
    'The model returned the following errors: messages.0.content.1.image.source.bytes: The image was specified using the image/jpeg media type, but the image appears to be a image/png image',
  );
  assert.equal(judged('us.meta.llama3-2-11b-instruct-v1:0', 'jpeg')?.message, 'The model returned the following errors: The provided image does not match the specified image format.');
  assert.equal(judged('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'png'), undefined);
});

test("Bedrock Converse holds Claude's images to Claude's limits, in the model's words, and no other model's", async () => {
  const { PNG } = await import('pngjs');
  const png = (width: number, height: number) => PNG.sync.write(new PNG({ width, height })).toString('base64');
  const headers = { authorization: 'Bearer bedrock-api-key-test' };
  const body = (images: string[]) => ({ messages: [{ role: 'user', content: [{ text: 'Look.' }, ...images.map((bytes) => ({ image: { format: 'png', source: { bytes } } }))] }] });
  const claude = '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse';
  const tall = png(100, 8001);
  const refused = judgeRequest(request(claude, headers, body([tall])));
  assert.equal(refused?.rule, 'bedrock.converse.claude-image-limits');
  assert.equal(refused?.message, 'The model returned the following errors: messages.0.content.1.image.source.bytes: At least one of the image dimensions exceed max allowed size: 8000 pixels');
  const many = judgeRequest(request(claude, headers, body([...Array.from({ length: 20 }, () => png(10, 10)), png(2001, 10)])));
  assert.match(many?.message ?? '', /exceed max allowed size for many-image requests: 2000 pixels$/);
  assert.equal(judgeRequest(request(claude, headers, body([png(100, 8000)]))), undefined);
  assert.equal(judgeRequest(request('/model/us.amazon.nova-pro-v1%3A0/converse', headers, body([tall]))), undefined);
});

test('vertex: Claude refuses an image or a document given by URL, in Anthropic’s body, and takes them as base64', () => {
  const path = '/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict';
  const asking = (block: Record<string, unknown>) => ({ max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe.' }, block] }] });
  const judged = (block: Record<string, unknown>) => judgeRequest(request(path, { authorization: 'Bearer t' }, { anthropic_version: 'vertex-2023-10-16', ...asking(block) }));
  const image = judged({ type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } });
  assert.equal(image?.rule, 'vertex.anthropic.no-url-sources');
  assert.deepEqual((image?.body as { error: unknown }).error, { type: 'invalid_request_error', message: 'messages.0.content.1.image.source.base64.data: URL sources are not supported' });
  assert.equal(judged({ type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } })?.message, 'messages.0.content.1.image.source.base64.data: URL sources are not supported');
  assert.equal(judged({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }), undefined);
  assert.equal(judged({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } }), undefined);
  // Anthropic's own API fetches URLs.
  assert.equal(judgeRequest(request('/v1/messages', { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, { model: 'claude-sonnet-4-5', ...asking({ type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } }) })), undefined);
});

test('bedrock and vertex: Claude refuses a Files API file source, which neither platform has; Anthropic’s API takes it', () => {
  const uploaded = (type: string) => ({ max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe.' }, { type, source: { type: 'file', file_id: 'file_011' } }] }] });
  const inResult = { max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'image', source: { type: 'file', file_id: 'file_012' } }] }] }] };
  const onBedrock = (body: Record<string, unknown>) => judgeRequest(request('/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke', { authorization: 'Bearer k' }, { anthropic_version: 'bedrock-2023-05-31', ...body }));
  const onVertex = (body: Record<string, unknown>) =>
    judgeRequest(request('/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-haiku-4-5@20251001:rawPredict', { authorization: 'Bearer t' }, { anthropic_version: 'vertex-2023-10-16', ...body }));
  for (const type of ['image', 'document']) {
    assert.equal(onBedrock(uploaded(type))?.rule, 'bedrock.invoke.no-file-sources', type);
    assert.equal(onVertex(uploaded(type))?.rule, 'vertex.anthropic.no-file-sources', type);
  }
  assert.equal(onVertex(inResult)?.message, "messages.0.content.0.content.0.source: file sources (Anthropic's Files API) are not supported on Vertex AI");
  assert.equal(judgeRequest(request('/v1/messages', { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'files-api-2025-04-14' }, { model: 'claude-haiku-4-5', ...uploaded('image') })), undefined);
});

test('bedrock: Converse takes cache points only for the models Bedrock caches for', () => {
  const signed = { authorization: 'Bearer bedrock-key' };
  const cached = { system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }], messages: [{ role: 'user', content: [{ text: 'Hi' }] }] };
  const judged = (model: string, body: unknown = cached) => judgeRequest(request(`/model/${encodeURIComponent(model)}/converse`, signed, body));
  const refusal = judged('us.meta.llama3-3-70b-instruct-v1:0');
  assert.equal(refusal?.rule, 'bedrock.converse.cache-point.model-caches');
  assert.equal(refusal?.message, 'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.');
  for (const model of ['mistral.mistral-large-2407-v1:0', 'anthropic.claude-3-sonnet-20240229-v1:0', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'us.deepseek.r1-v1:0']) assert.equal(judged(model)?.rule, 'bedrock.converse.cache-point.model-caches', model);
  for (const model of ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 'global.anthropic.claude-opus-4-6-v1', 'amazon.nova-premier-v1:0', 'us.amazon.nova-2-lite-v1:0']) assert.equal(judged(model), undefined, model);
  assert.equal(judged('us.meta.llama3-3-70b-instruct-v1:0', { messages: cached.messages }), undefined, 'no cache point, nothing to refuse');
  assert.equal(judged('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'), undefined, 'an id naming no model is not judged');
});

test('vertex and gemini: each platform takes its own request and generation-config fields and refuses the other’s, in proto JSON’s words', () => {
  const contents = [{ role: 'user', parts: [{ text: 'Hi' }] }];
  const onVertex = (body: Record<string, unknown>) =>
    judgeRequest(request('/v1beta1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent', { authorization: 'Bearer t' }, { contents, ...body }));
  const onGeminiApi = (body: Record<string, unknown>) => judgeRequest(request('/v1beta/models/gemini-2.5-flash:generateContent', { 'x-goog-api-key': 'k' }, { contents, ...body }));
  // Vertex's own (cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/GenerationConfig).
  const vertexOwn = { labels: { team: 'a' }, generationConfig: { audioTimestamp: true, routingConfig: { autoMode: { modelRoutingPreference: 'BALANCED' } }, modelConfig: { featureSelectionPreference: 'PRIORITIZE_COST' } } };
  assert.equal(onVertex(vertexOwn), undefined);
  assert.equal(onGeminiApi({ generationConfig: { audioTimestamp: true } })?.message, 'Invalid JSON payload received. Unknown name "audioTimestamp" at \'generation_config\': Cannot find field.');
  assert.equal(onGeminiApi({ generationConfig: { routingConfig: { autoMode: {} } } })?.rule, 'gemini.generation-config.unknown-field');
  // The Gemini API's own (ai.google.dev/api/generate-content#generationconfig).
  assert.equal(onGeminiApi({ store: true, generationConfig: { enableEnhancedCivicAnswers: true } }), undefined);
  const store = onVertex({ store: true });
  assert.equal(store?.rule, 'vertex.gemini.unknown-field');
  assert.deepEqual(store?.body, { error: { code: 400, message: 'Invalid JSON payload received. Unknown name "store": Cannot find field.', status: 'INVALID_ARGUMENT' } });
  assert.equal(onVertex({ generationConfig: { enableEnhancedCivicAnswers: true } })?.message, 'Invalid JSON payload received. Unknown name "enableEnhancedCivicAnswers" at \'generation_config\': Cannot find field.');
  // Vertex's token counter reads the generation config with Vertex's names too.
  const counted = (generationConfig: Record<string, unknown>) =>
    judgeRequest(request('/v1beta1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens', { authorization: 'Bearer t' }, { contents, generationConfig }));
  assert.equal(counted({ audioTimestamp: true }), undefined);
  assert.equal(counted({ enableEnhancedCivicAnswers: true })?.rule, 'vertex.gemini.generation-config.unknown-field');
});

test('vertex and gemini: a tool only the other platform serves is an unknown name at its tools index', () => {
  const contents = [{ role: 'user', parts: [{ text: 'Hi' }] }];
  const onVertex = (tools: unknown[]) =>
    judgeRequest(request('/v1beta1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent', { authorization: 'Bearer t' }, { contents, tools }));
  const onGeminiApi = (tools: unknown[]) => judgeRequest(request('/v1beta/models/gemini-2.5-flash:generateContent', { 'x-goog-api-key': 'k' }, { contents, tools }));
  const retrieval = { retrieval: { vertexAiSearch: { datastore: 'projects/p/locations/global/collections/default_collection/dataStores/d' } } };
  const fileSearch = { fileSearch: { fileSearchStoreNames: ['fileSearchStores/s'] } };
  assert.equal(onVertex([{ googleSearch: {} }, retrieval]), undefined);
  assert.equal(onGeminiApi([{ googleSearch: {} }, retrieval])?.message, 'Invalid JSON payload received. Unknown name "retrieval" at \'tools[1]\': Cannot find field.');
  assert.equal(onGeminiApi([{ enterpriseWebSearch: {} }])?.rule, 'gemini.tool.vertex-only');
  assert.equal(onGeminiApi([fileSearch]), undefined);
  assert.equal(onVertex([fileSearch])?.message, 'Invalid JSON payload received. Unknown name "fileSearch" at \'tools[0]\': Cannot find field.');
});

test('azure-openai: the dated Responses path refuses an api-version older than the Responses API, in Azure’s words', () => {
  const responses = readFixtureJson('azure-openai/fantasy-gpt5mini-responses-v1.request.json');
  const judged = (version: string) => judgeRequest(request(`/openai/responses?api-version=${version}`, { 'api-key': 'k' }, responses));
  const refused = judged('2024-12-01-preview');
  assert.equal(refused?.status, 400);
  assert.deepEqual(refused?.body, { error: { code: 'BadRequest', message: 'Azure OpenAI Responses API is enabled only for api-version 2025-03-01-preview and later' } });
  assert.equal(judged('2024-10-21')?.rule, 'azure-openai.api-version.responses');
  assert.equal(judged('2025-03-01-preview'), undefined);
  assert.equal(judged('2025-04-01-preview'), undefined);
});

test('bedrock: InvokeModel refuses `stream` in Claude’s body, as Bedrock does, on either operation', () => {
  const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };
  const judged = (operation: string, given: Record<string, unknown>) =>
    judgeRequest(request(`/model/${encodeURIComponent('anthropic.claude-3-haiku-20240307-v1:0')}/${operation}`, { authorization: 'Bearer bedrock-key' }, given));
  assert.equal(judged('invoke', body), undefined);
  assert.equal(judged('invoke-with-response-stream', body), undefined);
  const refused = judged('invoke-with-response-stream', { ...body, stream: true });
  assert.equal(refused?.rule, 'bedrock.invoke.no-stream-key');
  // github.com/sigoden/aichat/issues/543, the message quoted whole.
  assert.deepEqual(refused?.body, { message: 'Malformed input request: #: subject must not be valid against schema {"required":["messages"]}#: extraneous key [stream] is not permitted, please reformat your input and try again.' });
  assert.equal(judged('invoke', { ...body, stream: false })?.rule, 'bedrock.invoke.no-stream-key');
});
