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
import { startSweepGateway, type SweepGateway, type SweepUpstream } from './support/sweep-gateway.js';
import { postJson } from './support/sweep-post.js';
import { converseAnswer, invokeModelAnswer, recordedAnswer } from './support/recorded-answers.js';
import { answerJudges } from '../support/answer-rules/index.js';
import { compatibleVendors } from './support/compatible-vendors.js';
import type { Json } from './support/generated-request-parts.js';
import { openaiChatBody, responsesBody } from './support/generated-openai-requests.js';
import { anthropicBody, converseBody, geminiBody, ollamaBody } from './support/generated-vendor-requests.js';


const upstreamDialects: readonly SweepUpstream[] = [
  // gpt-5.2 takes function tools while reasoning only through Responses, where the gateway sends such a request (responses-bridge.ts).
  { dialect: 'openai-chat', models: ['gpt-4o', 'o3', 'gpt-5-mini', 'gpt-5.2'], reply: (request) => recordedAnswer(request.url.endsWith('/responses') ? 'openai-responses' : 'openai-chat')(request) },
  { dialect: 'anthropic', models: ['claude-sonnet-4-5-20250929', 'claude-opus-4-7', 'claude-3-5-haiku-20241022'], reply: recordedAnswer('anthropic') },
  { dialect: 'gemini', models: ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-pro-preview'], reply: recordedAnswer('gemini') },
  { dialect: 'ollama', models: ['qwen3.5:35b'], reply: recordedAnswer('ollama') },
  { dialect: 'openai-responses', models: ['gpt-5', 'gpt-4.1'], reply: recordedAnswer('openai-responses') },
  {
    dialect: 'bedrock',
    models: ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'amazon.nova-pro-v1:0', 'meta.llama3-70b-instruct-v1:0', 'us.openai.gpt-5.6-sol', 'mistral.mixtral-8x7b-instruct-v0:1'],
    reply: converseAnswer,
    config: { region: 'us-east-1' },
  },
  { dialect: 'bedrock-anthropic', models: ['anthropic.claude-sonnet-4-5-20250929-v1:0'], reply: invokeModelAnswer, config: { region: 'us-east-1' } },
  // An Azure deployment's name is its owner's, so no model's rules apply to it (as in the recorded sweep).
  { dialect: 'azure-openai', models: ['prod-chat'], reply: recordedAnswer('openai-chat'), config: { apiVersion: '2025-04-01-preview' } },
  // An older api-version knows fewer fields (openai-chat/azure-api-versions.ts); its provider is named for it.
  { dialect: 'azure-openai-2024-06', models: ['prod-chat'], reply: recordedAnswer('openai-chat'), config: { dialect: 'azure-openai', apiVersion: '2024-06-01' } },
  { dialect: 'vertex', models: ['gemini-2.5-flash', 'gemini-3-pro-preview'], reply: recordedAnswer('gemini'), config: { projectId: 'test-project', location: 'us-central1' } },
  { dialect: 'vertex-anthropic', models: ['claude-sonnet-4-5@20250929'], reply: recordedAnswer('anthropic'), config: { projectId: 'test-project', location: 'us-east5' } },
  ...compatibleVendors,
];

let sweep: SweepGateway;
const aliasOf = (dialect: string, model: string) => `${dialect}--${model}`;

before(async () => {
  sweep = await startSweepGateway(upstreamDialects, aliasOf);
});
after(async () => {
  assert.ok(served.yes > 3 * served.no, `the gateway served ${served.yes} generated requests and refused ${served.no}`);
  await sweep.close();
});

/** How many generated requests the gateway served, and how many it refused itself: most must be served, or the tests test little. */
const served = { yes: 0, no: 0 };

/** Sends `generated` to every upstream model; what a vendor refused or a server error, one line each. */
async function problemsOf(caller: string, path: string, generated: Json, headers: Record<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const { dialect, models } of upstreamDialects) {
    for (const model of models) {
      // Gemini names the model in the path.
      const alias = aliasOf(dialect, model);
      const response = await postJson(`${sweep.url}${path.replace('{model}', encodeURIComponent(alias))}`, headers, path.includes('{model}') ? generated : { ...generated, model: alias });
      served[response.status === 200 ? 'yes' : 'no'] += 1;
      if (response.status >= 500) problems.push(`${dialect} ${model}: ${response.status} ${response.text.slice(0, 300)}`);
      const judged = { stream: generated['stream'] === true, ...response };
      const judgeAnswer = caller in answerJudges ? answerJudges[caller as keyof typeof answerJudges] : undefined;
      for (const problem of judgeAnswer?.(judged) ?? []) problems.push(`${dialect} ${model}: the answer: ${problem}`);
      for (const refusal of sweep.upstreams.get(dialect)!.takeRefusals()) problems.push(`${dialect} ${model}: ${refusal.rule}: ${refusal.message.slice(0, 300)}`);
    }
  }
  return problems;
}

/** Each caller dialect's generator, where it sends, and how it authenticates. */
const generatedCallers: ReadonlyArray<{ name: string; dialect: string; requests: fc.Arbitrary<{ path: string; body: Json }>; headers: Record<string, string> }> = [
  { name: 'OpenAI', dialect: 'openai-chat', requests: openaiChatBody.map((body) => ({ path: '/v1/chat/completions', body })), headers: { authorization: 'Bearer caller' } },
  { name: 'Anthropic', dialect: 'anthropic', requests: anthropicBody.map((body) => ({ path: '/v1/messages', body })), headers: { 'x-api-key': 'caller', 'anthropic-version': '2023-06-01' } },
  { name: 'Gemini', dialect: 'gemini', requests: geminiBody.map((body) => ({ path: '/v1beta/models/{model}:generateContent', body })), headers: { 'x-goog-api-key': 'caller' } },
  { name: 'Responses', dialect: 'openai-responses', requests: responsesBody.map((body) => ({ path: '/v1/responses', body })), headers: { authorization: 'Bearer caller' } },
  { name: 'Ollama', dialect: 'ollama', requests: ollamaBody.map((body) => ({ path: '/api/chat', body })), headers: {} },
  {
    name: 'Bedrock Converse',
    dialect: 'bedrock',
    requests: converseBody.map(({ stream, body }) => ({ path: `/model/{model}/${stream ? 'converse-stream' : 'converse'}`, body })),
    headers: { authorization: 'Bearer caller' },
  },
];

for (const caller of generatedCallers) {
  test(`generated ${caller.name} requests reach every upstream as its vendor takes it, or are refused by the gateway`, async () => {
    await fc.assert(
      fc.asyncProperty(caller.requests, async ({ path, body }) => {
        assert.deepEqual(await problemsOf(caller.dialect, path, body, caller.headers), []);
      }),
      { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
    );
  });
}
