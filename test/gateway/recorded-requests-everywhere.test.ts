/**
 * Every recorded request of every caller dialect (Bedrock's Converse and InvokeModel among them),
 * sent through the gateway, whole and streamed, to every upstream dialect, the clouds' included
 * (Azure OpenAI, Bedrock Converse and InvokeModel, Vertex Gemini and Claude), the OpenAI-compatible
 * vendors' presets, and models whose rules differ (reasoning models, Claude that thinks adaptively
 * only, Gemini 2.5 and 3, Nova and Llama on Bedrock), is one the real vendor would take: each test
 * upstream judges it by its vendor's rules (test/support/vendor-rules), and the gateway answers the
 * caller without a server error, in an answer its dialect's clients take (test/support/answer-rules).
 * A request the gateway itself refuses (4xx in the caller's dialect) is allowed: it never reached a
 * vendor. One refusal is learned from by design: an Ollama model that cannot think is asked once
 * with reasoning, then again without it and never with it again (src/gateway/reasoning-refusal.ts),
 * so that rule's first refusal per model is expected.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSweepGateway, type SweepGateway, type SweepUpstream } from './support/sweep-gateway.js';
import { postJson } from './support/sweep-post.js';
import { fixtureNames, readFixtureJson } from '../support/fixtures.js';
import { converseAnswer, invokeModelAnswer, recordedAnswer } from './support/recorded-answers.js';
import { answerJudges } from '../support/answer-rules/index.js';
import { compatibleVendors } from './support/compatible-vendors.js';

type Body = Record<string, unknown>;

/** Where each caller dialect's recorded requests are, and how one is sent to the gateway, whole or streamed. */
const callers: ReadonlyArray<{ dialect: string; folders: readonly string[]; send: (body: Body, model: string, stream: boolean, name: string) => { path: string; body: Body } }> = [
  {
    dialect: 'openai-chat',
    folders: ['openai-chat', 'openai-compat', 'azure-openai', 'zhipu-glm', 'deepseek', 'mistral'],
    send: (body, model, stream) => ({ path: '/v1/chat/completions', body: { ...withoutStream(body), model, ...(stream ? { stream } : {}) } }),
  },
  { dialect: 'anthropic', folders: ['anthropic'], send: (body, model, stream) => ({ path: '/v1/messages', body: { ...withoutStream(body), model, ...(stream ? { stream } : {}) } }) },
  {
    dialect: 'gemini',
    folders: ['gemini', 'vertex'],
    send: (body, model, stream) => {
      const { model: _model, ...rest } = body;
      return { path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`, body: rest };
    },
  },
  { dialect: 'ollama', folders: ['ollama'], send: (body, model, stream) => ({ path: '/api/chat', body: { ...withoutStream(body), model, stream } }) },
  {
    dialect: 'openai-responses',
    folders: ['openai-responses'],
    // A response stored upstream is one this gateway never saw: the request goes without the reference.
    send: (body, model, stream) => {
      const { previous_response_id: _previous, ...rest } = withoutStream(body);
      return { path: '/v1/responses', body: { ...rest, model, ...(stream ? { stream } : {}) } };
    },
  },
  {
    dialect: 'bedrock',
    folders: ['bedrock'],
    // Converse and InvokeModel bodies name no model: the path does (the recordings' names tell the operation).
    send: (body, model, stream, name) => {
      const invoke = name.includes('invoke');
      const operation = invoke ? (stream ? 'invoke-with-response-stream' : 'invoke') : stream ? 'converse-stream' : 'converse';
      return { path: `/model/${encodeURIComponent(model)}/${operation}`, body };
    },
  },
];

/** A request's shape per caller dialect: recorded files also hold answers and other endpoints' bodies. */
const shapeKey: Readonly<Record<string, string>> = { 'openai-chat': 'messages', anthropic: 'messages', gemini: 'contents', ollama: 'messages', 'openai-responses': 'input', bedrock: 'messages' };

function withoutStream(body: Body): Body {
  const { stream: _stream, stream_options: _options, ...rest } = body;
  return rest;
}

/**
 * Upstream dialects and presets, each with models whose vendor rules differ and the answers its
 * test upstream gives, whole or streamed as asked; `path` is where the vendor's API lives under
 * its host (its judge knows it by that path), `vendor` names the judge where the path is OpenAI's.
 */
const upstreamDialects: readonly SweepUpstream[] = [
  { dialect: 'openai-chat', models: ['gpt-4o', 'o3', 'gpt-5-mini'], reply: recordedAnswer('openai-chat') },
  { dialect: 'anthropic', models: ['claude-sonnet-4-5-20250929', 'claude-opus-4-7'], reply: recordedAnswer('anthropic') },
  { dialect: 'gemini', models: ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-pro-preview'], reply: recordedAnswer('gemini') },
  { dialect: 'ollama', models: ['qwen3.5:35b', 'llama3.2'], reply: recordedAnswer('ollama') },
  { dialect: 'openai-responses', models: ['gpt-5', 'gpt-4.1'], reply: recordedAnswer('openai-responses') },
  { dialect: 'bedrock', models: ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'amazon.nova-pro-v1:0', 'us.meta.llama4-maverick-17b-instruct-v1:0', 'us.openai.gpt-5.6-sol', 'mistral.mixtral-8x7b-instruct-v0:1'], reply: converseAnswer, config: { region: 'us-east-1', apiKey: 'bedrock-api-key-test' } },
  { dialect: 'bedrock-anthropic', models: ['anthropic.claude-sonnet-4-5-20250929-v1:0'], reply: invokeModelAnswer, config: { region: 'us-east-1', apiKey: 'bedrock-api-key-test' } },
  // An Azure deployment's name is its owner's, not a model id, so the gateway applies no model's rules there
  // (README, `catalog:`): a deployment named unlike any model has Azure's own rules judged.
  { dialect: 'azure-openai', models: ['prod-chat'], reply: recordedAnswer('openai-chat'), config: { apiVersion: '2025-04-01-preview' } },
  // An older api-version knows fewer fields (openai-chat/azure-api-versions.ts); its provider is named for it.
  { dialect: 'azure-openai-2024-06', models: ['prod-chat'], reply: recordedAnswer('openai-chat'), config: { dialect: 'azure-openai', apiVersion: '2024-06-01' } },
  { dialect: 'vertex', models: ['gemini-2.5-flash', 'gemini-3-pro-preview'], reply: recordedAnswer('gemini'), config: { projectId: 'test-project', location: 'us-central1' } },
  { dialect: 'vertex-anthropic', models: ['claude-sonnet-4-5@20250929'], reply: recordedAnswer('anthropic'), config: { projectId: 'test-project', location: 'us-east5' } },
  ...compatibleVendors,
];

/** Rules whose first refusal the gateway learns from (see above), by rule id. */
const learnedOnce = new Set(['ollama.model.no-thinking']);

const learned = new Set<string>();
let sweep: SweepGateway;

before(async () => {
  sweep = await startSweepGateway(upstreamDialects, aliasOf);
});
after(async () => sweep.close());

function aliasOf(dialect: string, model: string): string {
  return `${dialect}-${model.replace(/[^a-zA-Z0-9.-]/g, '-')}`;
}

const headers = { authorization: 'Bearer caller', 'x-api-key': 'caller', 'x-goog-api-key': 'caller', 'anthropic-version': '2023-06-01' };

/** An error the gateway wrote into a stream it had begun, in any caller dialect's form: the recorded answers hold none. */
const inBandError = /"error"\s*:\s*[{"]|event: error|event: response\.failed/;

for (const caller of callers) {
  for (const stream of [false, true]) {
    test(`every recorded ${caller.dialect} request${stream ? ', streamed,' : ''} reaches every upstream as its vendor takes it`, async (t) => {
      const problems: string[] = [];
      const refusedHere: string[] = [];
      let sent = 0;
      for (const folder of caller.folders) {
        // Ollama's recorded requests are named `chat-request-*.json`, the others `*.request.json`.
        for (const name of fixtureNames(folder).filter((file) => /request[^/]*\.json$/.test(file))) {
          const recorded = readFixtureJson(`${folder}/${name}`);
          if (recorded === null || typeof recorded !== 'object' || Array.isArray(recorded) || !(shapeKey[caller.dialect]! in recorded)) continue;
          for (const { dialect, models } of upstreamDialects) {
            for (const model of models) {
              const { path, body } = caller.send(recorded as Body, aliasOf(dialect, model), stream, name);
              const response = await postJson(`${sweep.url}${path}`, headers, body);
              const { text } = response;
              sent += 1;
              const where = `${folder}/${name} → ${dialect} ${model}`;
              if (response.status >= 500 || (response.status === 200 && stream && inBandError.test(text))) problems.push(`${where}: ${response.status} ${text.slice(0, 300)}`);
              else if (response.status >= 400) refusedHere.push(`${where}: ${response.status} ${text.slice(0, 200)}`);
              const judgeAnswer = caller.dialect in answerJudges ? answerJudges[caller.dialect as keyof typeof answerJudges] : undefined;
              for (const problem of judgeAnswer?.({ stream, ...response }) ?? []) problems.push(`${where}: the answer: ${problem}`);
              for (const refusal of sweep.upstreams.get(dialect)!.takeRefusals()) {
                const lesson = `${refusal.rule} ${model}`;
                if (learnedOnce.has(refusal.rule) && response.status === 200 && !learned.has(lesson)) learned.add(lesson);
                else problems.push(`${where}: ${refusal.rule}: ${refusal.message.slice(0, 300)}`);
              }
            }
          }
        }
      }
      t.diagnostic(`${sent} requests, ${refusedHere.length} refused by the gateway`);
      for (const line of refusedHere) t.diagnostic(line);
      assert.ok(sent > 0, 'no recorded request was found');
      assert.deepEqual(problems, []);
    });
  }
}
