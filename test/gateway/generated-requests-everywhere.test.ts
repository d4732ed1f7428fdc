/**
 * Generated OpenAI Chat Completions requests (histories with tool rounds, system and developer
 * turns anywhere, empty and whitespace text, images and files, tools with names other vendors
 * refuse and schemas Gemini refuses, every sampling control, reasoning efforts, JSON output),
 * Anthropic Messages requests as Claude Code writes them (signed or redacted thinking before tool
 * calls, cache breakpoints, documents, image results, web search, top_k, stop sequences), Gemini
 * requests as Gemini CLI writes them (function calls with thought signatures and without ids,
 * function responses, thinking budgets and levels, attachments, JSON output), Responses requests as
 * Codex writes them (encrypted reasoning items before calls, `store: false`), Bedrock Converse
 * requests as the AWS SDK's callers write them, and Ollama requests as its chat clients write them
 * (calls without ids, results by tool name, loose histories, images, `think`, `format`, options),
 * sent through the gateway to every upstream dialect, the clouds' and the OpenAI-compatible
 * vendors' included, and to models whose rules differ: each test upstream judges what it gets by
 * its vendor's rules (test/support/vendor-rules), and each answer is judged by the caller's dialect
 * (test/support/answer-rules). A request the gateway refuses itself (4xx in the caller's dialect)
 * never reached a vendor and is allowed; one a vendor would refuse, or a server error, fails the
 * test with the generated request.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream, type RecordedRequest, type UpstreamReply } from '../support/test-upstream.js';
import { converseAnswer, invokeModelAnswer, recordedAnswer } from './support/recorded-answers.js';
import { GoogleTokenServer } from '../support/google-token-server.js';
import { answerJudges } from '../support/answer-rules/index.js';
import { compatibleVendors } from './support/compatible-vendors.js';

type Json = Record<string, unknown>;

const upstreamDialects: ReadonlyArray<{ dialect: string; models: readonly string[]; reply: (request: RecordedRequest) => UpstreamReply; config?: Json; path?: string; vendor?: string }> = [
  // gpt-5.2 takes function tools while reasoning only through Responses, where the gateway sends such a request (responses-bridge.ts).
  { dialect: 'openai-chat', models: ['gpt-4o', 'o3', 'gpt-5-mini', 'gpt-5.2'], reply: (request) => recordedAnswer(request.url.endsWith('/responses') ? 'openai-responses' : 'openai-chat')(request) },
  { dialect: 'anthropic', models: ['claude-sonnet-4-5-20250929', 'claude-opus-4-7', 'claude-3-5-haiku-20241022'], reply: recordedAnswer('anthropic') },
  { dialect: 'gemini', models: ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-pro-preview'], reply: recordedAnswer('gemini') },
  { dialect: 'ollama', models: ['qwen3.5:35b'], reply: recordedAnswer('ollama') },
  { dialect: 'openai-responses', models: ['gpt-5', 'gpt-4.1'], reply: recordedAnswer('openai-responses') },
  {
    dialect: 'bedrock',
    models: ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'amazon.nova-pro-v1:0', 'meta.llama3-70b-instruct-v1:0'],
    reply: converseAnswer,
    config: { region: 'us-east-1' },
  },
  { dialect: 'bedrock-anthropic', models: ['anthropic.claude-sonnet-4-5-20250929-v1:0'], reply: invokeModelAnswer, config: { region: 'us-east-1' } },
  // An Azure deployment's name is its owner's, so no model's rules apply to it (as in the recorded sweep).
  { dialect: 'azure-openai', models: ['prod-chat'], reply: recordedAnswer('openai-chat'), config: { apiVersion: '2025-04-01-preview' } },
  { dialect: 'vertex', models: ['gemini-2.5-flash', 'gemini-3-pro-preview'], reply: recordedAnswer('gemini'), config: { projectId: 'test-project', location: 'us-central1' } },
  { dialect: 'vertex-anthropic', models: ['claude-sonnet-4-5@20250929'], reply: recordedAnswer('anthropic'), config: { projectId: 'test-project', location: 'us-east5' } },
  ...compatibleVendors,
];

/** Vertex's providers get their OAuth tokens here, from a service-account key file naming it. */
let tokenServer: GoogleTokenServer;

const upstreams = new Map<string, TestUpstream>();
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  tokenServer = await new GoogleTokenServer().start();
  const credentialsFile = tokenServer.writeKeyFile();
  const providers: Record<string, Json> = {};
  const models: Record<string, Array<{ provider: string; model: string }>> = {};
  for (const { dialect, models: names, reply, config, path, vendor } of upstreamDialects) {
    const upstream = await new TestUpstream(vendor === undefined ? {} : { vendor }).start();
    upstream.answerUnqueuedWith(reply);
    upstreams.set(dialect, upstream);
    const auth = dialect.startsWith('vertex') ? { credentialsFile } : { apiKey: 'upstream-key' };
    providers[dialect] = { dialect, baseUrl: `${upstream.baseUrl}${path ?? (dialect.startsWith('openai') ? '/v1' : '')}`, ...auth, ...config };
    for (const name of names) models[`${dialect}--${name}`] = [{ provider: dialect, model: name }];
  }
  gateway = createGateway(resolveConfig({ providers, models, retry: { attempts: 1 }, routing: { cooldown: false } }), { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  assert.ok(served.yes > 3 * served.no, `the gateway served ${served.yes} generated requests and refused ${served.no}`);
  const stopped = await Promise.allSettled([gateway.close(), tokenServer.stop(), ...[...upstreams.values()].map((upstream) => upstream.stop())]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});

/** Tool names: OpenAI's own, an MCP client's dotted one, and one longer than Gemini's and OpenAI's 64. */
const toolName = fc.constantFrom('get_weather', 'search', 'mcp.fs.read', 'a-b', 'tool_with_a_really_long_name_that_goes_on_and_on_beyond_sixty_four_characters_total');
const text = fc.oneof(fc.constantFrom('', ' ', '\n', 'Hi.', 'Answer in JSON.'), fc.string({ maxLength: 16 }));
const schemaNode = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record({ type: fc.constantFrom('string', 'integer', 'number', 'boolean') }),
    fc.record({ type: fc.constant('string'), format: fc.constantFrom('uri', 'date-time', 'email') }),
    fc.record({ type: fc.constant('integer'), enum: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ enum: fc.array(fc.constantFrom('x', 1, null, true), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('array'), items: tie('node') }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom('p', 'q'), tie('node'), { maxKeys: 2 }), additionalProperties: fc.boolean() }, { requiredKeys: ['type'] }),
    fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ type: fc.constant(['string', 'null']) }),
    fc.constant({}),
  ),
})).node;
const parameters = fc.record(
  { type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom('p', 'city', 'n'), schemaNode, { maxKeys: 3 }), required: fc.subarray(['p', 'city']), additionalProperties: fc.constant(false) },
  { requiredKeys: ['type'] },
);
const tool = fc.record({
  type: fc.constant('function'),
  function: fc.record({ name: toolName, description: fc.option(fc.constantFrom('', 'Does it.', 'x'.repeat(1500)), { nil: undefined }), parameters: fc.option(parameters, { nil: undefined }) }, { requiredKeys: ['name'] }),
});
const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
/** A small PDF as OpenAI's file part carries one. */
const pdf = { type: 'file', file: { filename: 'note.pdf', file_data: `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64')}` } };
const userMessage = fc.oneof(
  text.map((content) => [{ role: 'user', content }]),
  fc.tuple(text, fc.constantFrom('ada', 'user_1')).map(([content, name]) => [{ role: 'user', content, name }]),
  fc.array(fc.oneof(text.map((value) => ({ type: 'text', text: value })), fc.constant({ type: 'image_url', image_url: { url: pixel, detail: 'low' } }), fc.constant(pdf)), { minLength: 1, maxLength: 3 }).map((content) => [{ role: 'user', content }]),
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
const body = fc.record(
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
    reasoning_effort: fc.constantFrom('minimal', 'low', 'medium', 'high', 'none'),
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
 * Anthropic requests the Messages API itself takes: each tool call answered in the next turn, a
 * signed thinking block before each call while thinking is on, no forced tool choice and no
 * sampling controls beside thinking, a budget below max_tokens.
 */
const signature = fc.base64String({ minLength: 8, maxLength: 24 }).filter((value) => value.length > 0);
const pngData = pixel.slice(pixel.indexOf(',') + 1);
/** A tool's result as Claude Code and MCP clients send one: text, blocks with an image, an error. */
const claudeResult = fc.oneof(
  text.map((result) => ({ content: result === '' ? 'done' : result })),
  fc.constant({ content: [{ type: 'text', text: 'Screenshot:' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngData } }] }),
  fc.constant({ content: 'Command failed: exit 1', is_error: true }),
);
const claudeRound = fc
  .tuple(toolName, fc.dictionary(fc.constantFrom('p', 'city'), fc.string({ maxLength: 6 }), { maxKeys: 2 }), claudeResult, signature, fc.boolean(), fc.boolean())
  .map(([name, input, result, sig, withText, redacted]) => ({
    call: (thinking: boolean, id: string) => ({
      role: 'assistant',
      content: [
        ...(thinking ? [redacted ? { type: 'redacted_thinking', data: sig } : { type: 'thinking', thinking: 'Look it up.', signature: sig }] : []),
        ...(withText ? [{ type: 'text', text: 'Let me check.' }] : []),
        { type: 'tool_use', id, name, input },
      ],
    }),
    result: (id: string) => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, ...result }] }),
  }));
const claudeUser = fc.oneof(
  fc.string({ minLength: 1, maxLength: 16 }).filter((value) => value.trim() !== '').map((content) => ({ role: 'user', content })),
  fc.constant({ role: 'user', content: [{ type: 'text', text: 'What is this?', cache_control: { type: 'ephemeral' } }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngData } }] }),
  fc.constant({
    role: 'user',
    content: [
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf.file.file_data.slice(pdf.file.file_data.indexOf(',') + 1) }, title: 'note.pdf', cache_control: { type: 'ephemeral', ttl: '1h' } },
      { type: 'text', text: 'Sum this up.' },
    ],
  }),
);
const anthropicBody = fc
  .record({
    thinking: fc.boolean(),
    budget: fc.constantFrom(1024, 4000),
    rounds: fc.array(claudeRound, { maxLength: 3 }),
    first: claudeUser,
    last: claudeUser,
    tools: fc.array(fc.record({ name: toolName, description: fc.constantFrom('Does it.', 'x'.repeat(1500)), input_schema: parameters }), { maxLength: 3 }),
    toolChoice: fc.constantFrom(undefined, { type: 'auto' }, { type: 'none' }, { type: 'auto', disable_parallel_tool_use: true }, { type: 'any' }),
    sampling: fc.record(
      { temperature: fc.constantFrom(0, 0.5, 1), top_p: fc.constantFrom(0.9, 1), top_k: fc.constantFrom(5, 40), stop_sequences: fc.array(fc.constantFrom('END', '###', 'STOP'), { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
    system: fc.constantFrom(
      undefined,
      'You are a coding agent.',
      [{ type: 'text', text: 'You are a coding agent.', cache_control: { type: 'ephemeral' } }],
      [
        { type: 'text', text: 'You are Claude Code.' },
        { type: 'text', text: 'Work in /repo.', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
    ),
    metadata: fc.constantFrom(undefined, { user_id: 'user_abc_account_1_session_2' }),
    webSearch: fc.boolean(),
    prefill: fc.constantFrom(undefined, '{', 'Sure'),
    stream: fc.boolean(),
  })
  .map(({ thinking, budget, rounds, first, last, tools, toolChoice, sampling, system, metadata, webSearch, prefill, stream }) => {
    // Every tool the history calls is declared, as Claude Code declares all of its tools on every turn.
    const declared = new Map<string, Json>(tools.map((tool) => [tool.name, tool]));
    for (const round of rounds) {
      const { name } = round.call(false, 'x').content.at(-1) as { name: string };
      if (!declared.has(name)) declared.set(name, { name, description: 'Does it.', input_schema: { type: 'object', properties: { p: { type: 'string' } } } });
    }
    const messages: Json[] = [first];
    rounds.forEach((round, index) => messages.push(round.call(thinking, `toolu_${index + 1}`), round.result(`toolu_${index + 1}`)));
    if (rounds.length > 0) (messages.at(-1)!['content'] as Json[]).push({ type: 'text', text: 'Go on.' });
    else messages.push({ role: 'assistant', content: 'Hello.' }, last);
    // Claude continues from a prefill, without thinking or tools (which take none), as a caller asking for JSON sends it.
    if (prefill !== undefined && !thinking && declared.size === 0 && !webSearch) messages.push({ role: 'assistant', content: prefill });
    // Anthropic takes temperature or top_p on its current models, not both; with thinking on, neither, and no forced tool choice.
    const { top_p: topP, ...rest } = sampling;
    const samplingSent = rest.temperature === undefined && topP !== undefined ? { ...rest, top_p: topP } : rest;
    const forced = toolChoice?.type === 'any';
    const allTools = [...declared.values(), ...(webSearch ? [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }] : [])];
    return {
      max_tokens: budget + 1000,
      stream,
      messages,
      ...(system === undefined ? {} : { system }),
      ...(metadata === undefined ? {} : { metadata }),
      tools: allTools,
      ...(toolChoice === undefined || (forced && (thinking || allTools.length === 0)) ? {} : { tool_choice: toolChoice }),
      ...(thinking ? { thinking: { type: 'enabled', budget_tokens: budget } } : samplingSent),
    };
  });

/**
 * Gemini requests the Gemini API itself takes: each model turn of function calls answered by the
 * next user turn (one response per call, by name), the first call of a turn signed, as Gemini 2.5
 * and 3 return them.
 */
const geminiRound = fc.tuple(fc.array(fc.tuple(toolName, fc.dictionary(fc.constantFrom('p', 'city'), fc.string({ maxLength: 6 }), { maxKeys: 2 })), { minLength: 1, maxLength: 2 }), signature, text).map(([calls, sig, result]) => [
  { role: 'model', parts: calls.map(([name, args], index) => ({ functionCall: { name, args }, ...(index === 0 ? { thoughtSignature: sig } : {}) })) },
  { role: 'user', parts: calls.map(([name]) => ({ functionResponse: { name, response: { output: result } } })) },
]);
const geminiBody = fc
  .record({
    rounds: fc.array(geminiRound, { maxLength: 2 }),
    question: fc.string({ minLength: 1, maxLength: 16 }),
    thinking: fc.constantFrom(undefined, { thinkingBudget: 0 }, { thinkingBudget: 1024, includeThoughts: true }, { thinkingBudget: -1 }, { thinkingLevel: 'LOW' }),
    sampling: fc.record({ temperature: fc.constantFrom(0, 1, 2), topK: fc.constantFrom(1, 40), topP: fc.constantFrom(0.5, 1), stopSequences: fc.array(fc.constantFrom('END', '\n\n'), { maxLength: 3 }), maxOutputTokens: fc.constantFrom(64, 8192) }, { requiredKeys: [] }),
    system: fc.constantFrom(undefined, 'Be brief.', ['You are Gemini CLI.', 'Work in /repo.']),
    mode: fc.constantFrom(undefined, 'AUTO', 'ANY', 'NONE', 'ANY-search'),
    attachment: fc.constantFrom(undefined, { mimeType: 'image/png', data: pngData }, { mimeType: 'application/pdf', data: pdf.file.file_data.slice(pdf.file.file_data.indexOf(',') + 1) }),
    output: fc.constantFrom(
      undefined,
      { responseMimeType: 'application/json' },
      { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { answer: { type: 'STRING' } }, required: ['answer'] } },
      { responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] } },
    ),
    extra: fc.record({ candidateCount: fc.constant(1), presencePenalty: fc.constantFrom(0, 0.5), frequencyPenalty: fc.constantFrom(0, 0.5), seed: fc.constantFrom(1, 7), responseLogprobs: fc.boolean() }, { requiredKeys: [] }),
    safety: fc.boolean(),
  })
  .map(({ rounds, question, thinking, sampling, system, mode, attachment, output, extra, safety }) => {
    const names = new Set(rounds.flat().flatMap((turn) => (turn.role === 'model' ? turn.parts.map((part) => (part as { functionCall: { name: string } }).functionCall.name) : [])));
    names.add('search');
    const config = mode === 'ANY-search' ? { mode: 'ANY', allowedFunctionNames: ['search'] } : mode === undefined ? undefined : { mode };
    return {
      contents: [{ role: 'user', parts: [{ text: question }, ...(attachment === undefined ? [] : [{ inlineData: attachment }])] }, ...rounds.flat()],
      ...(system === undefined ? {} : { systemInstruction: { parts: (Array.isArray(system) ? system : [system]).map((part) => ({ text: part })) } }),
      tools: [{ functionDeclarations: [...names].map((name) => ({ name: name.length > 64 ? name.slice(0, 64) : name, description: 'Does it.', parametersJsonSchema: { type: 'object', properties: { p: { type: 'string' } } } })) }],
      ...(config === undefined ? {} : { toolConfig: { functionCallingConfig: config } }),
      ...(safety ? { safetySettings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' }] } : {}),
      generationConfig: { ...sampling, ...extra, ...output, ...(thinking === undefined ? {} : { thinkingConfig: thinking }) },
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
const responsesBody = fc
  .record({
    instructions: fc.constantFrom(undefined, 'You are a coding agent.'),
    question: fc.oneof(fc.string({ minLength: 1, maxLength: 16 }), fc.constant([{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: pixel }])),
    rounds: fc.array(responsesRound, { maxLength: 3 }),
    reasoning: fc.constantFrom(undefined, { effort: 'low' }, { effort: 'high', summary: 'auto' }, { effort: 'minimal' }),
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

/** Ollama requests: calls carry no id and their results name the tool; images are bare base64. */
/** Ollama takes loose histories: a call nobody answered (the user asked something else first), a result whose call was trimmed away. */
const ollamaRound = fc
  .tuple(toolName, fc.dictionary(fc.constantFrom('city', 'p'), fc.string({ maxLength: 6 }), { maxKeys: 2 }), text, text, fc.constantFrom('whole', 'whole', 'call only', 'result only'))
  .map(([name, args, before, result, kept]) => [
    ...(kept === 'result only' ? [] : [{ role: 'assistant', content: before, tool_calls: [{ function: { name, arguments: args } }] }]),
    ...(kept === 'call only' ? [] : [{ role: 'tool', tool_name: name, content: result }]),
  ]);
const ollamaBody = fc
  .record({
    system: fc.constantFrom(undefined, 'Be brief.'),
    question: fc.string({ minLength: 1, maxLength: 16 }),
    image: fc.boolean(),
    rounds: fc.array(ollamaRound, { maxLength: 2 }),
    tools: fc.array(fc.record({ name: toolName, parameters }), { maxLength: 2 }),
    think: fc.constantFrom(undefined, true, false, 'low', 'high'),
    format: fc.constantFrom(undefined, 'json', { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] }),
    options: fc.record({ temperature: fc.constantFrom(0, 0.8, 1.5), top_k: fc.constantFrom(1, 40), top_p: fc.constantFrom(0.5, 0.9), num_predict: fc.constantFrom(16, 1024), num_ctx: fc.constantFrom(2048, 8192), stop: fc.array(fc.constantFrom('END', '\n'), { maxLength: 2 }), seed: fc.constantFrom(1, 42) }, { requiredKeys: [] }),
  })
  .map(({ system, question, image, rounds, tools, think, format, options }) => {
    const declared = new Map<string, Json>(tools.map((tool) => [tool.name, { type: 'function', function: { name: tool.name, parameters: tool.parameters } }]));
    for (const [first] of rounds) {
      const call = first as Json | undefined;
      if (call?.['role'] !== 'assistant') continue;
      const name = (call['tool_calls'] as Array<{ function: { name: string } }>)[0]!.function.name;
      if (!declared.has(name)) declared.set(name, { type: 'function', function: { name, parameters: { type: 'object', properties: { city: { type: 'string' } } } } });
    }
    return {
      messages: [
        ...(system === undefined ? [] : [{ role: 'system', content: system }]),
        { role: 'user', content: question, ...(image ? { images: [pixel.slice(pixel.indexOf(',') + 1)] } : {}) },
        ...rounds.flat(),
      ],
      stream: false,
      tools: [...declared.values()],
      ...(think === undefined ? {} : { think }),
      ...(format === undefined ? {} : { format }),
      options,
    };
  });

/**
 * Bedrock Converse requests as the AWS SDK's callers write them (Strands, LangChain's
 * ChatBedrockConverse): one-member content blocks, images and documents as base64 bytes, tool
 * results of text or JSON, Claude's signed reasoning before its calls, cache points, tool names of
 * `[a-zA-Z0-9_-]`, model fields in `additionalModelRequestFields`; streamed or not by the path.
 */
const converseToolName = fc.constantFrom('get_weather', 'search', 'a-b');
const converseRound = fc
  .tuple(converseToolName, fc.dictionary(fc.constantFrom('p', 'city'), fc.string({ maxLength: 6 }), { maxKeys: 2 }), fc.boolean(), signature, fc.constantFrom('text', 'json', 'error'))
  .map(([name, input, worded, sig, result]) => (index: number, thinking: boolean) => [
    {
      role: 'assistant',
      content: [
        // Claude thinking before each call, as it answers with thinking on.
        ...(thinking ? [{ reasoningContent: { reasoningText: { text: 'Look it up.', signature: sig } } }] : []),
        ...(worded ? [{ text: 'Let me check.' }] : []),
        { toolUse: { toolUseId: `tooluse_${index}`, name, input } },
      ],
    },
    {
      role: 'user',
      content: [
        {
          toolResult: {
            toolUseId: `tooluse_${index}`,
            content: result === 'json' ? [{ json: { temperature: 21 } }] : [{ text: result === 'error' ? 'Lookup failed.' : 'Sunny.' }],
            ...(result === 'error' ? { status: 'error' } : {}),
          },
        },
      ],
    },
  ]);
const converseBody = fc
  .record({
    question: fc.string({ minLength: 1, maxLength: 16 }).filter((value) => value.trim() !== ''),
    attachment: fc.constantFrom(undefined, 'image', 'document'),
    rounds: fc.array(converseRound, { maxLength: 2 }),
    after: fc.constantFrom(undefined, 'And tomorrow?'),
    system: fc.constantFrom(undefined, 'Be brief.'),
    cache: fc.boolean(),
    thinking: fc.boolean(),
    choice: fc.constantFrom(undefined, { auto: {} }, { any: {} }),
    inference: fc.record({ maxTokens: fc.constantFrom(256, 4096), temperature: fc.constantFrom(0, 0.5, 1), topP: fc.constantFrom(0.9, 1), stopSequences: fc.array(fc.constantFrom('END', 'STOP'), { maxLength: 2 }) }, { requiredKeys: [] }),
    stream: fc.boolean(),
  })
  .map(({ question, attachment, rounds, after, system, cache, thinking, choice, inference, stream }) => {
    const first = [
      { text: question },
      ...(attachment === 'image' ? [{ image: { format: 'png', source: { bytes: pngData } } }] : []),
      ...(attachment === 'document' ? [{ document: { format: 'pdf', name: 'note', source: { bytes: pdf.file.file_data.slice(pdf.file.file_data.indexOf(',') + 1) } } }] : []),
      ...(cache ? [{ cachePoint: { type: 'default' } }] : []),
    ];
    const messages: Json[] = [{ role: 'user', content: first }, ...rounds.flatMap((round, index) => round(index + 1, thinking))];
    // A question after the last results joins their turn, as Converse wants the roles to alternate.
    if (after !== undefined) {
      const last = messages.at(-1)!;
      if (rounds.length > 0) (last['content'] as Json[]).push({ text: after });
      else messages.push({ role: 'assistant', content: [{ text: 'Hello.' }] }, { role: 'user', content: [{ text: after }] });
    }
    const names = new Set(['search', ...rounds.flatMap((_, index) => ((rounds[index]!(index + 1, false)[0]!['content'] as Json[]).at(-1)!['toolUse'] as { name: string }).name)]);
    // Claude takes no forced tool choice while thinking, nor sampling beside it: a caller asking for thinking sends neither.
    const { temperature: _temperature, topP: _topP, ...withoutSampling } = inference;
    return {
      stream,
      body: {
        messages,
        ...(system === undefined ? {} : { system: [{ text: system }, ...(cache ? [{ cachePoint: { type: 'default' } }] : [])] }),
        inferenceConfig: thinking ? { ...withoutSampling, maxTokens: 4096 } : inference,
        toolConfig: {
          tools: [...names].map((name) => ({ toolSpec: { name, description: 'Does it.', inputSchema: { json: { type: 'object', properties: { p: { type: 'string' } } } } } })),
          ...(choice === undefined || (thinking && 'any' in choice) ? {} : { toolChoice: choice }),
        },
        ...(thinking ? { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } } } : {}),
      },
    };
  });

/** How many generated requests the gateway served, and how many it refused itself: most must be served, or the tests test little. */
const served = { yes: 0, no: 0 };

/** Sends `generated` to every upstream model; what a vendor refused or a server error, one line each. */
async function problemsOf(caller: string, path: string, generated: Json, headers: Record<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const { dialect, models } of upstreamDialects) {
    for (const model of models) {
      // Gemini names the model in the path.
      const alias = `${dialect}--${model}`;
      const response = await fetch(`${gatewayUrl}${path.replace('{model}', encodeURIComponent(alias))}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(path.includes('{model}') ? generated : { ...generated, model: alias }),
      });
      const answer = await response.text();
      served[response.status === 200 ? 'yes' : 'no'] += 1;
      if (response.status >= 500) problems.push(`${dialect} ${model}: ${response.status} ${answer.slice(0, 300)}`);
      const judged = { stream: generated['stream'] === true, status: response.status, contentType: response.headers.get('content-type') ?? '', text: answer };
      const judgeAnswer = caller in answerJudges ? answerJudges[caller as keyof typeof answerJudges] : undefined;
      for (const problem of judgeAnswer?.(judged) ?? []) problems.push(`${dialect} ${model}: the answer: ${problem}`);
      for (const refusal of upstreams.get(dialect)!.takeRefusals()) problems.push(`${dialect} ${model}: ${refusal.rule}: ${refusal.message.slice(0, 300)}`);
    }
  }
  return problems;
}

test('generated OpenAI requests reach every upstream as its vendor takes it, or are refused by the gateway', async () => {
  await fc.assert(
    fc.asyncProperty(body, async (generated) => {
      assert.deepEqual(await problemsOf('openai-chat', '/v1/chat/completions', generated, { authorization: 'Bearer caller' }), []);
    }),
    { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
  );
});

test('generated Anthropic requests reach every upstream as its vendor takes it, or are refused by the gateway', async () => {
  await fc.assert(
    fc.asyncProperty(anthropicBody, async (generated) => {
      assert.deepEqual(await problemsOf('anthropic', '/v1/messages', generated, { 'x-api-key': 'caller', 'anthropic-version': '2023-06-01' }), []);
    }),
    { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
  );
});

test('generated Gemini requests reach every upstream as its vendor takes it, or are refused by the gateway', async () => {
  await fc.assert(
    fc.asyncProperty(geminiBody, async (generated) => {
      assert.deepEqual(await problemsOf('gemini', '/v1beta/models/{model}:generateContent', generated, { 'x-goog-api-key': 'caller' }), []);
    }),
    { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
  );
});

test('generated Responses requests reach every upstream as its vendor takes it, or are refused by the gateway', async () => {
  await fc.assert(
    fc.asyncProperty(responsesBody, async (generated) => {
      assert.deepEqual(await problemsOf('openai-responses', '/v1/responses', generated, { authorization: 'Bearer caller' }), []);
    }),
    { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
  );
});

test('generated Ollama requests reach every upstream as its vendor takes it, or are refused by the gateway', async () => {
  await fc.assert(
    fc.asyncProperty(ollamaBody, async (generated) => {
      assert.deepEqual(await problemsOf('ollama', '/api/chat', generated, {}), []);
    }),
    { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
  );
});

test('generated Bedrock Converse requests reach every upstream as its vendor takes it, or are refused by the gateway', async () => {
  await fc.assert(
    fc.asyncProperty(converseBody, async ({ stream, body: generated }) => {
      assert.deepEqual(await problemsOf('bedrock', `/model/{model}/${stream ? 'converse-stream' : 'converse'}`, generated, { authorization: 'Bearer caller' }), []);
    }),
    { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
  );
});
