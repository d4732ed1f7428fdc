/**
 * Every cloud SDK asks for reasoning against every upstream kind: Converse's
 * `additionalModelRequestFields.thinking` and InvokeModel's Claude `thinking` (AWS SDK),
 * Anthropic's Bedrock and Vertex clients' `thinking`, AzureOpenAI's `reasoning_effort` and
 * @google/genai's `thinkingConfig` on Vertex reach OpenAI (gpt-5), Anthropic and Gemini upstreams
 * in each upstream's own terms, and the caller reads the reasoning back in its own: the thinking
 * text where the upstream gives one, the reasoning token count where the caller has a field for it.
 * The upstreams judge each request by their vendor's rules (a reasoning model refuses
 * `max_tokens`, Claude a budget at or above `max_tokens`).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type Anthropic from '@anthropic-ai/sdk';
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { AzureOpenAI } from 'openai';
import { GoogleGenAI } from '@google/genai';
import { ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream, type UpstreamReply } from '../../support/test-upstream.js';
import { bedrockRuntimeClient } from '../support/aws-callers.js';
import { fixedTokenAuthClient } from '../support/azure-vertex-callers.js';

type UpstreamName = 'openai' | 'anthropic' | 'gemini';
const upstreamModels: Record<UpstreamName, string> = { openai: 'gpt-5', anthropic: 'claude-sonnet-4-20250514', gemini: 'gemini-2.5-pro' };

let upstreams: Record<UpstreamName, TestUpstream>;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstreams = { openai: await new TestUpstream().start(), anthropic: await new TestUpstream().start(), gemini: await new TestUpstream().start() };
  const config = resolveConfig({
    providers: {
      oa: { dialect: 'openai-chat', baseUrl: `${upstreams.openai.baseUrl}/v1`, apiKey: 'sk-test-openai' },
      an: { dialect: 'anthropic', baseUrl: upstreams.anthropic.baseUrl, apiKey: 'sk-ant-test' },
      ge: { dialect: 'gemini', baseUrl: upstreams.gemini.baseUrl, apiKey: 'gemini-test-key' },
    },
    models: {
      'via-openai': [{ provider: 'oa', model: upstreamModels.openai }],
      'via-anthropic': [{ provider: 'an', model: upstreamModels.anthropic }],
      'via-gemini': [{ provider: 'ge', model: upstreamModels.gemini }],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await Promise.all(Object.values(upstreams).map((upstream) => upstream.stop()));
});
beforeEach(() => {
  for (const upstream of Object.values(upstreams)) upstream.reset();
});

const thought = 'The user greets me; a short greeting back will do.';

/** Each upstream's answer with reasoning: OpenAI counts it (Chat gives no text), Anthropic and Gemini show it. */
const replies: Record<UpstreamName, UpstreamReply> = {
  openai: {
    kind: 'json',
    body: {
      id: 'chatcmpl-reasoned',
      object: 'chat.completion',
      created: 1759350267,
      model: 'gpt-5-2025-08-07',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Olá!', refusal: null }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 80, total_tokens: 92, completion_tokens_details: { reasoning_tokens: 64 } },
    },
  },
  anthropic: {
    kind: 'json',
    body: {
      id: 'msg_01reasoned',
      type: 'message',
      role: 'assistant',
      model: upstreamModels.anthropic,
      content: [
        { type: 'thinking', thinking: thought, signature: 'EqQBCkYIBxgCKkAnthropicSigned==' },
        { type: 'text', text: 'Olá!' },
      ],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 80 },
    },
  },
  gemini: {
    kind: 'json',
    body: {
      candidates: [{ content: { role: 'model', parts: [{ text: thought, thought: true }, { text: 'Olá!' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 16, thoughtsTokenCount: 64, totalTokenCount: 92 },
      modelVersion: 'gemini-2.5-pro',
    },
  },
};

/** Whether the upstream was asked to reason, in its own terms. */
const askedToReason: Record<UpstreamName, (body: Record<string, unknown>) => boolean> = {
  openai: (body) => typeof body['reasoning_effort'] === 'string' && body['max_tokens'] === undefined,
  anthropic: (body) => (body['thinking'] as { type?: string } | undefined)?.type === 'enabled',
  gemini: (body) => {
    const thinking = (body['generationConfig'] as { thinkingConfig?: { thinkingBudget?: number; includeThoughts?: boolean } } | undefined)?.thinkingConfig;
    return (thinking?.thinkingBudget ?? 0) > 0;
  },
};

interface Reasoned {
  text: string;
  /** The reasoning text the caller was shown, when its dialect shows it. */
  reasoning?: string;
  /** The reasoning token count, when its dialect has a field for it. */
  reasoningTokens?: number;
}

interface ReasoningCaller {
  name: string;
  ask(model: string): Promise<Reasoned>;
}

function fromAnthropic(message: Anthropic.Message): Reasoned {
  const thinking = message.content.filter((block): block is Anthropic.ThinkingBlock => block.type === 'thinking').map((block) => block.thinking);
  const text = message.content.filter((block): block is Anthropic.TextBlock => block.type === 'text').map((block) => block.text).join('');
  return { text, ...(thinking.length > 0 ? { reasoning: thinking.join('') } : {}) };
}

const claudeParams = (model: string) => ({ model, max_tokens: 4096, thinking: { type: 'enabled' as const, budget_tokens: 2048 }, messages: [{ role: 'user' as const, content: 'Say hi in Portuguese' }] });

const callers: ReasoningCaller[] = [
  {
    name: 'AWS SDK Converse',
    async ask(model) {
      const output = await bedrockRuntimeClient(gatewayUrl, { kind: 'sigv4' }).send(
        new ConverseCommand({
          modelId: model,
          messages: [{ role: 'user', content: [{ text: 'Say hi in Portuguese' }] }],
          inferenceConfig: { maxTokens: 4096 },
          additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
        }),
      );
      const blocks = output.output?.message?.content ?? [];
      const reasoning = blocks.map((block) => block.reasoningContent?.reasoningText?.text ?? '').join('');
      return { text: blocks.map((block) => block.text ?? '').join(''), ...(reasoning !== '' ? { reasoning } : {}) };
    },
  },
  {
    name: 'AWS SDK InvokeModel with a Claude body',
    async ask(model) {
      const { model: _omitted, ...body } = claudeParams(model);
      const output = await bedrockRuntimeClient(gatewayUrl, { kind: 'sigv4' }).send(
        new InvokeModelCommand({ modelId: model, contentType: 'application/json', accept: 'application/json', body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', ...body }) }),
      );
      return fromAnthropic(JSON.parse(Buffer.from(output.body).toString('utf8')) as Anthropic.Message);
    },
  },
  {
    name: '@anthropic-ai/bedrock-sdk',
    async ask(model) {
      const client = new AnthropicBedrock({ baseURL: gatewayUrl, awsRegion: 'us-east-1', awsAccessKey: 'AKIDEXAMPLE', awsSecretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', maxRetries: 0 });
      return fromAnthropic(await client.messages.create(claudeParams(model)));
    },
  },
  {
    name: '@anthropic-ai/vertex-sdk',
    async ask(model) {
      const client = new AnthropicVertex({ baseURL: `${gatewayUrl}/v1`, region: 'us-east5', projectId: 'my-project', authClient: fixedTokenAuthClient(), maxRetries: 0 });
      return fromAnthropic(await client.messages.create(claudeParams(model)));
    },
  },
  {
    name: 'openai AzureOpenAI',
    async ask(model) {
      const client = new AzureOpenAI({ endpoint: gatewayUrl, apiKey: 'azure-key', apiVersion: '2024-10-21', maxRetries: 0 });
      const completion = await client.chat.completions.create({ model, reasoning_effort: 'medium', max_completion_tokens: 4096, messages: [{ role: 'user', content: 'Say hi in Portuguese' }] });
      const message = completion.choices[0]?.message as { content: string | null; reasoning_content?: string } | undefined;
      const tokens = completion.usage?.completion_tokens_details?.reasoning_tokens;
      return {
        text: message?.content ?? '',
        ...(message?.reasoning_content !== undefined ? { reasoning: message.reasoning_content } : {}),
        ...(tokens !== undefined && tokens > 0 ? { reasoningTokens: tokens } : {}),
      };
    },
  },
  {
    name: '@google/genai on Vertex AI',
    async ask(model) {
      const client = new GoogleGenAI({ vertexai: true, project: 'my-project', location: 'us-central1', googleAuthOptions: { authClient: fixedTokenAuthClient() }, httpOptions: { baseUrl: gatewayUrl } });
      const response = await client.models.generateContent({ model, contents: 'Say hi in Portuguese', config: { maxOutputTokens: 4096, thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } } });
      const parts = response.candidates?.[0]?.content?.parts ?? [];
      const reasoning = parts.filter((part) => part.thought === true).map((part) => part.text ?? '').join('');
      const tokens = response.usageMetadata?.thoughtsTokenCount;
      return {
        text: parts.filter((part) => part.thought !== true).map((part) => part.text ?? '').join(''),
        ...(reasoning !== '' ? { reasoning } : {}),
        ...(tokens !== undefined ? { reasoningTokens: tokens } : {}),
      };
    },
  },
];

/** Callers whose dialect has a field for the reasoning token count. */
const countsReasoningTokens = new Set(['openai AzureOpenAI', '@google/genai on Vertex AI']);

for (const caller of callers) {
  describe(caller.name, () => {
    for (const upstream of ['openai', 'anthropic', 'gemini'] as const) {
      test(`asks the ${upstream} upstream to reason, and reads the reasoning back`, async () => {
        upstreams[upstream].enqueue(replies[upstream]);
        const result = await caller.ask(`via-${upstream}`);
        assert.equal(result.text, 'Olá!');
        const sent = upstreams[upstream].requests[0]?.body as Record<string, unknown>;
        assert.ok(askedToReason[upstream](sent), `the ${upstream} upstream was asked to reason: ${JSON.stringify(sent)}`);
        if (upstream === 'openai') {
          assert.equal(result.reasoning, undefined, 'OpenAI Chat gives no reasoning text');
        } else {
          assert.equal(result.reasoning, thought, 'the caller is shown the upstream’s reasoning');
        }
        if (countsReasoningTokens.has(caller.name) && upstream !== 'anthropic') assert.equal(result.reasoningTokens, 64, 'the reasoning tokens reach the caller');
      });
    }
  });
}
