import { imageDataFormat } from './image-data.js';
import { imageSize } from 'image-size';
import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';
import { readFixtureJson } from '../fixtures.js';
import { thinkingRules } from './anthropic/thinking-rules.js';
import { structuredOutputRules } from './anthropic/structured-output-rules.js';
import { cacheRules, requestLevelCacheRefused } from './anthropic/cache-rules.js';
import { requestRules } from './anthropic/request-rules.js';
import { contentRules } from './anthropic/content-rules.js';
import { toolRules } from './anthropic/tool-rules.js';
import { betasEnabledOn, blockBindingSource, blockBindingWithoutBeta, enabledBetasSource } from './anthropic/beta-rules.js';
import { deferredToolWithoutBeta, toolSearchSource } from './anthropic/tool-search-rules.js';
import { outputConfigRules } from './bedrock-output-config.js';
import { fileSourceRefusal, filesApiSource } from './anthropic/source-paths.js';
import { bedrockEffortWordRefused, cloudEffortSource, effortOnModelWithout, effortWordSource } from './anthropic/effort-rules.js';

/**
 * Amazon Bedrock Runtime: Converse (`POST /model/{modelId}/converse` and `/converse-stream`),
 * InvokeModel (`/invoke`, `/invoke-with-response-stream`) and CountTokens (`/count-tokens`), as in
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html ("POST /model/modelId/converse")
 * and https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html ("POST /model/modelId/count-tokens").
 * Bedrock's error body is `{"message": …}` alone; the error type is the `x-amzn-errortype` header,
 * `ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/`
 * (test/fixtures/recorded/bedrock/error-400-validation-empty-content.envelope.json).
 */
const operationPath = /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream|count-tokens)$/;

export function operation(request: JudgedRequest): string | undefined {
  return operationPath.exec(pathOf(request))?.[2];
}

function header(request: JudgedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A recorded error body's message: the judge answers in Bedrock's own words. */
function recordedMessage(name: string): string {
  const body = readFixtureJson(`bedrock/${name}`);
  const wire = isRecord(body) && isRecord(body['body']) ? body['body'] : body;
  if (!isRecord(wire) || typeof wire['message'] !== 'string') throw new Error(`bedrock/${name} has no message`);
  return wire['message'];
}

export function converseMessages(request: JudgedRequest): Array<Record<string, unknown>> {
  if (!isRecord(request.body) || !Array.isArray(request.body['messages'])) return [];
  return request.body['messages'].filter(isRecord);
}

export function blocksOf(message: Record<string, unknown>): Array<Record<string, unknown>> {
  return Array.isArray(message['content']) ? message['content'].filter(isRecord) : [];
}

/** Every block of one kind (`document`, `image`) in a Converse body, with its path, in user content and inside tool results. */
function memberBlocksOf(request: JudgedRequest, kind: string): Array<{ where: string; at: { message: number; block: number }; member: Record<string, unknown> }> {
  const found: Array<{ where: string; at: { message: number; block: number }; member: Record<string, unknown> }> = [];
  for (const [messageIndex, message] of converseMessages(request).entries()) {
    for (const [blockIndex, block] of blocksOf(message).entries()) {
      const where = `messages.${messageIndex + 1}.member.content.${blockIndex + 1}.member`;
      const at = { message: messageIndex, block: blockIndex };
      if (isRecord(block[kind])) found.push({ where: `${where}.${kind}`, at, member: block[kind] });
      const result = block['toolResult'];
      const inner = isRecord(result) && Array.isArray(result['content']) ? result['content'].filter(isRecord) : [];
      for (const [itemIndex, item] of inner.entries()) {
        if (isRecord(item[kind])) found.push({ where: `${where}.toolResult.content.${itemIndex + 1}.member.${kind}`, at, member: item[kind] });
      }
    }
  }
  return found;
}

function documentsOf(request: JudgedRequest): Array<{ where: string; document: Record<string, unknown> }> {
  return memberBlocksOf(request, 'document').map(({ where, member }) => ({ where, document: member }));
}

/** Every `cachePoint` of a Converse body: in `toolConfig.tools`, `system` and message content. */
function cachePointsOf(request: JudgedRequest): number {
  if (!isRecord(request.body)) return 0;
  const config = request.body['toolConfig'];
  const tools = isRecord(config) && Array.isArray(config['tools']) ? config['tools'].filter(isRecord) : [];
  const system = Array.isArray(request.body['system']) ? request.body['system'].filter(isRecord) : [];
  return [tools, system, ...converseMessages(request).map(blocksOf)].flat().filter((block) => block['cachePoint'] !== undefined).length;
}

/** A Converse body's `toolConfig.tools` entries (`toolSpec` or `cachePoint`), each with its index. */
function toolEntriesOf(request: JudgedRequest): Array<[number, Record<string, unknown>]> {
  const config = isRecord(request.body) ? request.body['toolConfig'] : undefined;
  const tools = isRecord(config) && Array.isArray(config['tools']) ? config['tools'] : [];
  return tools.flatMap((tool, index): Array<[number, Record<string, unknown>]> => (isRecord(tool) ? [[index, tool]] : []));
}

export const isConverse = (request: JudgedRequest): boolean => operation(request) === 'converse' || operation(request) === 'converse-stream';

/** A CountTokens body's `input`, when the request is one. */
function countTokensInput(request: JudgedRequest): Record<string, unknown> | undefined {
  if (operation(request) !== 'count-tokens') return undefined;
  return isRecord(request.body) && isRecord(request.body['input']) ? request.body['input'] : {};
}

/** The InvokeModel body a CountTokens request carries in base64, JSON-parsed; undefined when it carries none or it is not JSON. */
function countedInvokeBody(input: Record<string, unknown>): unknown {
  const invoke = input['invokeModel'];
  if (!isRecord(invoke) || typeof invoke['body'] !== 'string') return undefined;
  try {
    return JSON.parse(Buffer.from(invoke['body'], 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The model id in the path, URL-decoded (`anthropic.claude-…`, `us.anthropic.claude-…`). */
export function modelOf(request: JudgedRequest): string {
  return decodeURIComponent(operationPath.exec(pathOf(request))?.[1] ?? '');
}

const isClaudeModel = (request: JudgedRequest): boolean => modelOf(request).includes('anthropic.claude');

/** The 1M-token Claude models ("Context window: 1M tokens", platform.claude.com/docs/en/models/opus-4-6/overview and later pages). */
const millionTokenClaude = /^claude-(?:opus-4-[678]|sonnet-4-6|(?:opus|sonnet)-5(?:-\d+)?|haiku-5-5|fable-5(?:-\d+)?)$/;
/** Claude 3.x and 4, 4.1, 4.5 (Opus, Sonnet, Haiku). */
const twentyMediaClaude = /^claude-(?:3-|(?:opus|sonnet|haiku)-4(?:-[15])?$)/;

/** Bedrock's count of images and documents for a Claude model id (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`), when a source gives it. */
function bedrockMediaLimit(id: string): number | undefined {
  const name = /(?:^|\.)anthropic\.(claude-[a-z0-9-]+?)(?:-\d{8})?(?:-v\d+(?::\d+)?)?$/.exec(id)?.[1];
  if (name === undefined) return undefined;
  if (millionTokenClaude.test(name)) return 100;
  return twentyMediaClaude.test(name) ? 20 : undefined;
}

/** Images and documents of an InvokeModel body (Anthropic's blocks), in messages and tool results. */
function invokeMediaCount(request: JudgedRequest): { images: number; documents: number } {
  const counted = { images: 0, documents: 0 };
  const visit = (blocks: unknown): void => {
    if (!Array.isArray(blocks)) return;
    for (const block of blocks.filter(isRecord)) {
      if (block['type'] === 'image') counted.images += 1;
      if (block['type'] === 'document') counted.documents += 1;
      if (block['type'] === 'tool_result') visit(block['content']);
    }
  };
  for (const message of converseMessages(request)) visit(message['content']);
  return counted;
}

const isClaudeInvoke = (request: JudgedRequest): boolean => (operation(request) === 'invoke' || operation(request) === 'invoke-with-response-stream') && isClaudeModel(request);

/**
 * Claude's thinking on Converse: Anthropic's `thinking` object in `additionalModelRequestFields`
 * (pa-converse-stream-reasoning.request.json); its `type`, or undefined when there is none.
 */
function converseThinkingType(request: JudgedRequest): unknown {
  const fields = isRecord(request.body) ? request.body['additionalModelRequestFields'] : undefined;
  const thinking = isRecord(fields) ? fields['thinking'] : undefined;
  return isRecord(thinking) ? thinking['type'] : undefined;
}

function converseThinkingEnabled(request: JudgedRequest): boolean {
  return converseThinkingType(request) === 'enabled';
}

/** Claude's thinking block on Converse: `reasoningContent` (reasoningText with its signature, or redactedContent). */
const isReasoning = (block: Record<string, unknown> | undefined): boolean => block?.['reasoningContent'] !== undefined;

/** The name Claude gives a Converse block in its refusals (`text`, `tool_use`), as Converse hands it the block. */
function claudeBlockName(block: Record<string, unknown> | undefined): string {
  if (block === undefined) return 'nothing';
  return block['toolUse'] !== undefined ? 'tool_use' : block['text'] !== undefined ? 'text' : Object.keys(block)[0] ?? 'nothing';
}

/** Claude on Converse with manual thinking on, which the rules below judge. */
function converseClaudeThinking(request: JudgedRequest): boolean {
  return isConverse(request) && isClaudeModel(request) && converseThinkingEnabled(request);
}

/** A Converse body's `inferenceConfig`, or an empty one. */
function inferenceConfigOf(request: JudgedRequest): Record<string, unknown> {
  const config = isRecord(request.body) ? request.body['inferenceConfig'] : undefined;
  return isRecord(config) ? config : {};
}

/**
 * When the messages end in tool results, the first assistant message of the tool loop they answer:
 * walking back, user messages holding tool results continue the loop, and one without any ends it.
 */
function openingOfToolLoop(messages: ReadonlyArray<Record<string, unknown>>): { index: number; message: Record<string, unknown> } | undefined {
  const hasResult = (message: Record<string, unknown>): boolean => blocksOf(message).some((block) => block['toolResult'] !== undefined);
  const last = messages.at(-1);
  if (last === undefined || last['role'] !== 'user' || !hasResult(last)) return undefined;
  let opening: { index: number; message: Record<string, unknown> } | undefined;
  for (let index = messages.length - 2; index >= 0; index--) {
    const message = messages[index]!;
    if (message['role'] === 'user' && !hasResult(message)) break;
    if (message['role'] === 'assistant') opening = { index, message };
  }
  return opening;
}

/**
 * SigV4's `Authorization` header: "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,
 * SignedHeaders=host;range;x-amz-date, Signature=fe5f…" — "There is no comma between the algorithm and
 * Credential, but the other elements must be separated by commas"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-authentication-methods.html); the
 * credential's date is the day of the request's `x-amz-date`, and its service here `bedrock`. A
 * Bedrock API key comes instead as `Authorization: Bearer`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html). The signature itself is
 * recomputed by the tests that know the secret (test/gateway/bedrock-upstream.test.ts).
 */
export const sigV4Authorization = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/bedrock\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const tokenRule = 'bedrock.authorization';

const rules: VendorRule[] = [
  {
    id: tokenRule,
    source: 'docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-authentication-methods.html; docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html',
    status: 403,
    check: (request) => {
      const authorization = header(request, 'authorization');
      if (authorization === undefined) return 'Missing Authentication Token';
      if (/^Bearer \S+$/.test(authorization)) return undefined;
      const match = sigV4Authorization.exec(authorization);
      if (match === null) return `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${authorization}`;
      const date = header(request, 'x-amz-date');
      if (date === undefined || !/^\d{8}T\d{6}Z$/.test(date)) return 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.';
      if (date.slice(0, 8) !== match[2]) return 'Credential should be scoped to a valid date.';
      if (!match[4]!.split(';').includes('x-amz-date')) return `The x-amz-date header is not among the signed headers: ${match[4]}`;
      return undefined;
    },
  },
  ...outputConfigRules(isConverse, modelOf),
  {
    id: 'bedrock.converse.content.not-empty',
    source: 'test/fixtures/recorded/bedrock/error-400-validation-empty-content.envelope.json',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const index = converseMessages(request).findIndex((message) => blocksOf(message).length === 0);
      return index === -1 ? undefined : recordedMessage('error-400-validation-empty-content.envelope.json').replace('messages.1', `messages.${index}`);
    },
  },
  {
    id: 'bedrock.converse.text.not-blank',
    // An AWS CLI reproduction (https://github.com/langchain-ai/langchain-aws/issues/403): an assistant message whose
    // one text is "\n\n" gives "The text field in the ContentBlock object at messages.1.content.0 is blank. Add text to
    // the text field, and try again." (also recorded in https://github.com/OpenHands/OpenHands/issues/5339). A "\n" block
    // beside other text was served (test/fixtures/recorded/bedrock/pa-converse-cachepoint.request.json), so a message is
    // refused when its text is only whitespace.
    source: 'github.com/langchain-ai/langchain-aws/issues/403 (AWS CLI reproduction); bedrock/pa-converse-cachepoint.request.json (served)',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      for (const [messageIndex, message] of converseMessages(request).entries()) {
        const texts = blocksOf(message).flatMap((block, blockIndex) => (typeof block['text'] === 'string' ? [{ blockIndex, text: block['text'] }] : []));
        if (texts.length === 0 || texts.some(({ text }) => text.trim() !== '')) continue;
        return `The text field in the ContentBlock object at messages.${messageIndex}.content.${texts[0]!.blockIndex} is blank. Add text to the text field, and try again.`;
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.claude-system.not-blank',
    // Claude refuses a system block whose text is only whitespace, alone or beside others: "system: text content blocks
    // must contain non-whitespace text" (Anthropic's API, recorded in github.com/BoltAI/BoltAI/issues/165 and
    // github.com/NousResearch/hermes-agent/pull/97618; anthropic/content-rules.ts). Converse hands the system blocks to
    // Claude and relays its refusal after "The model returned the following errors: "; whitespace system blocks are
    // among those that brought "text content blocks must contain non-whitespace text" on Converse
    // (github.com/NousResearch/hermes-agent/pull/64858). The `system:` path of Claude's words is Anthropic's.
    source: 'github.com/BoltAI/BoltAI/issues/165; github.com/NousResearch/hermes-agent/pull/97618 (recorded 400 bodies); github.com/NousResearch/hermes-agent/pull/64858 (on Converse)',
    check: (request) => {
      if (!isConverse(request) || !isClaudeModel(request) || !isRecord(request.body) || !Array.isArray(request.body['system'])) return undefined;
      const blank = request.body['system'].some((block) => isRecord(block) && typeof block['text'] === 'string' && block['text'] !== '' && block['text'].trim() === '');
      return blank ? 'The model returned the following errors: system: text content blocks must contain non-whitespace text' : undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-result.text-not-blank',
    // Claude on Bedrock refuses an empty text in a tool result, "ValidationException: ... messages: text content
    // blocks must be non-empty" (https://github.com/NousResearch/hermes-agent/issues/55092), and one whose text is
    // only whitespace, "The model returned the following errors: messages: text content blocks must contain
    // non-whitespace text" (a " " stand-in for empty output, https://github.com/NousResearch/hermes-agent/pull/61318).
    source: 'github.com/NousResearch/hermes-agent/issues/55092; github.com/NousResearch/hermes-agent/pull/61318',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      for (const message of converseMessages(request)) {
        for (const block of blocksOf(message)) {
          const result = block['toolResult'];
          const texts = (isRecord(result) && Array.isArray(result['content']) ? result['content'].filter(isRecord) : []).flatMap((item) => (typeof item['text'] === 'string' ? [item['text']] : []));
          if (texts.includes('')) return 'The model returned the following errors: messages: text content blocks must be non-empty';
          if (texts.length > 0 && texts.every((text) => text.trim() === '')) return 'The model returned the following errors: messages: text content blocks must contain non-whitespace text';
        }
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-result.error-not-empty',
    // A tool result marked `status: "error"` must say something: "The content field at messages.<n>.content.0.toolResult
    // cannot be empty when status value is error." (recorded ValidationException,
    // github.com/aws-samples/sample-multi-agent-orchestration-chat-on-agentcore/issues/15). An empty result without
    // the status is taken by Claude but refused by stricter models such as Nemotron (github.com/strands-agents/
    // harness-sdk/issues/2122, /pull/2123; that refusal's wording is not recorded, so it is not judged here).
    source: 'github.com/aws-samples/sample-multi-agent-orchestration-chat-on-agentcore/issues/15 (recorded ValidationException)',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      for (const [messageIndex, message] of converseMessages(request).entries()) {
        for (const [blockIndex, block] of blocksOf(message).entries()) {
          const result = block['toolResult'];
          if (!isRecord(result) || result['status'] !== 'error') continue;
          const content = result['content'];
          if (content === undefined || (Array.isArray(content) && content.length === 0)) {
            return `The content field at messages.${messageIndex}.content.${blockIndex}.toolResult cannot be empty when status value is error.`;
          }
        }
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-result.status-model',
    // ToolResultBlock `status`: "This field is only supported by Amazon Nova and Anthropic Claude 3 and 4 models."
    // (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolResultBlock.html). Writer Palmyra X5's
    // refusal is recorded in github.com/strands-agents/harness-sdk/issues/393. An id naming no model is not judged.
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolResultBlock.html; github.com/strands-agents/harness-sdk/issues/393',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const named = /^(?:(?:us|eu|apac|global|us-gov|jp|au|ca)\.)?([a-z0-9]+)\.(.+)$/.exec(modelOf(request).split('/').at(-1) ?? '');
      if (named === null || named[1] === 'anthropic' || (named[1] === 'amazon' && named[2]!.startsWith('nova'))) return undefined;
      const withStatus = converseMessages(request).some((message) => blocksOf(message).some((block) => isRecord(block['toolResult']) && block['toolResult']['status'] !== undefined));
      return withStatus ? "This model doesn't support the status field. Remove status and try again." : undefined;
    },
  },
  {
    id: 'bedrock.converse.user.no-reasoning',
    source: 'test/fixtures/recorded/bedrock/error-400-validation-reasoning-in-user-message.json',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const found = converseMessages(request).some((message) => message['role'] === 'user' && blocksOf(message).some((block) => block['reasoningContent'] !== undefined));
      return found ? recordedMessage('error-400-validation-reasoning-in-user-message.json') : undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-name.pattern',
    source: 'test/fixtures/recorded/bedrock/error-400-validation-tool-name-pattern.json',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const pattern = /^[a-zA-Z0-9_-]+$/;
      const failed = (where: string): string => `1 validation error detected: Value at '${where}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`;
      for (const [messageIndex, message] of converseMessages(request).entries()) {
        for (const [blockIndex, block] of blocksOf(message).entries()) {
          const toolUse = block['toolUse'];
          if (isRecord(toolUse) && !pattern.test(String(toolUse['name']))) return failed(`messages.${messageIndex + 1}.member.content.${blockIndex + 1}.member.toolUse.name`);
        }
      }
      const config = isRecord(request.body) ? request.body['toolConfig'] : undefined;
      const tools = isRecord(config) && Array.isArray(config['tools']) ? config['tools'].filter(isRecord) : [];
      for (const [index, tool] of tools.entries()) {
        const spec = tool['toolSpec'];
        if (isRecord(spec) && !pattern.test(String(spec['name']))) return failed(`toolConfig.tools.${index + 1}.member.toolSpec.name`);
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.messages.start-with-user',
    // Real 400s: "A conversation must start with a user message. Try again with a conversation that starts
    // with a user message." for system instructions alone (github.com/elastic/kibana/pull/246393) and for an
    // assistant's first message (github.com/quarkiverse/quarkus-langchain4j/issues/1764, Nova).
    source: 'github.com/elastic/kibana/pull/246393; github.com/quarkiverse/quarkus-langchain4j/issues/1764',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      return converseMessages(request)[0]?.['role'] === 'user' ? undefined : 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
    },
  },
  {
    id: 'bedrock.converse.messages.alternate',
    // Real 400s: "A conversation must alternate between user and assistant roles. Make sure the conversation
    // alternates between user and assistant roles and try again." (github.com/Portkey-AI/gateway/issues/748,
    // two user messages in a row; github.com/microsoft/semantic-kernel/issues/10281).
    source: 'github.com/Portkey-AI/gateway/issues/748; github.com/microsoft/semantic-kernel/issues/10281',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const roles = converseMessages(request).map((message) => message['role']);
      return roles.some((role, index) => index > 0 && role === roles[index - 1])
        ? 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.'
        : undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-result.follows-tool-use',
    // Converse's own check (its words carry no "The model returned the following errors"), recorded from Claude:
    // "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_…, tooluse_…" when the user turn
    // after an assistant's calls does not answer them all (github.com/agno-agi/agno/issues/6698, parallel calls answered
    // in separate turns; github.com/camel-ai/camel/issues/3954), and "The number of toolResult blocks at
    // messages.N.content exceeds the number of toolUse blocks of previous turn." for more results than calls
    // (github.com/strands-agents/harness-sdk/issues/1435).
    source: 'github.com/agno-agi/agno/issues/6698; github.com/camel-ai/camel/issues/3954; github.com/strands-agents/harness-sdk/issues/1435',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const messages = converseMessages(request);
      const idsOf = (message: Record<string, unknown> | undefined, kind: 'toolUse' | 'toolResult'): string[] =>
        blocksOf(message ?? {}).flatMap((block) => (isRecord(block[kind]) ? [String(block[kind]['toolUseId'])] : []));
      for (const [index, message] of messages.entries()) {
        const calls = message['role'] === 'assistant' ? idsOf(message, 'toolUse') : [];
        const results = message['role'] === 'user' ? idsOf(message, 'toolResult') : [];
        const asked = index > 0 && messages[index - 1]?.['role'] === 'assistant' ? idsOf(messages[index - 1], 'toolUse') : [];
        if (results.length > asked.length) return `The number of toolResult blocks at messages.${index}.content exceeds the number of toolUse blocks of previous turn.`;
        const next = messages[index + 1];
        if (calls.length === 0 || next === undefined) continue;
        const answered = new Set(next['role'] === 'user' ? idsOf(next, 'toolResult') : []);
        const missing = calls.filter((id) => !answered.has(id));
        if (missing.length > 0) return `Expected toolResult blocks at messages.${index + 1}.content for the following Ids: ${missing.join(', ')}`;
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-spec.description-length',
    // ToolSpecification `description`: "Length Constraints: Minimum length of 1. Required: No"
    // (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolSpecification.html); an empty one
    // refused (github.com/aws-samples/bedrock-access-gateway/issues/213, through boto3's check of the same
    // constraint), worded as AWS words its length constraints.
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolSpecification.html; github.com/aws-samples/bedrock-access-gateway/issues/213',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const config = isRecord(request.body) ? request.body['toolConfig'] : undefined;
      const tools = isRecord(config) && Array.isArray(config['tools']) ? config['tools'].filter(isRecord) : [];
      for (const [index, tool] of tools.entries()) {
        const spec = tool['toolSpec'];
        if (isRecord(spec) && spec['description'] === '') {
          return `1 validation error detected: Value at 'toolConfig.tools.${index + 1}.member.toolSpec.description' failed to satisfy constraint: Member must have length greater than or equal to 1`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-spec.input-schema-object',
    // Converse takes only an object at the root of a tool's input schema, for every model: "The value at
    // toolConfig.tools.0.toolSpec.inputSchema.json.type must be one of the following: object." (Claude 4.5:
    // github.com/alibaba/spring-ai-alibaba/issues/3082; a root `oneOf` without `type` on GLM-5:
    // github.com/earendil-works/pi/issues/8279; a root `anyOf`: github.com/code-yeongyu/senpi/issues/1947).
    source: 'github.com/alibaba/spring-ai-alibaba/issues/3082; github.com/earendil-works/pi/issues/8279 (recorded ValidationException)',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      for (const [index, tool] of toolEntriesOf(request)) {
        const spec = tool['toolSpec'];
        const input = isRecord(spec) ? spec['inputSchema'] : undefined;
        const json = isRecord(input) ? input['json'] : undefined;
        if (isRecord(json) && json['type'] !== 'object') return `The value at toolConfig.tools.${index}.toolSpec.inputSchema.json.type must be one of the following: object.`;
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.claude-tool-schema.no-root-composition',
    // Claude, which Converse hands the schemas to, refuses a root composition even beside `type: "object"`: "The model
    // returned the following errors: tools.24.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at
    // the top level" (github.com/code-yeongyu/senpi/issues/1947, through Bedrock; Anthropic's own API alike,
    // github.com/Hmbown/Codewhale/issues/4329). Claude counts its tools only, not Converse's cache points among them.
    source: 'github.com/code-yeongyu/senpi/issues/1947 (recorded ValidationException); github.com/Hmbown/Codewhale/issues/4329',
    check: (request) => {
      if (!isConverse(request) || !isClaudeModel(request)) return undefined;
      const schemas = toolEntriesOf(request).flatMap(([, tool]) => {
        const spec = tool['toolSpec'];
        const input = isRecord(spec) ? spec['inputSchema'] : undefined;
        return isRecord(spec) ? [isRecord(input) ? input['json'] : undefined] : [];
      });
      const index = schemas.findIndex((json) => isRecord(json) && ['oneOf', 'allOf', 'anyOf'].some((keyword) => keyword in json));
      return index === -1 ? undefined : `The model returned the following errors: tools.${index}.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level`;
    },
  },
  {
    id: 'bedrock.converse.inference-config.ranges',
    // docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InferenceConfiguration.html: maxTokens "Valid Range:
    // Minimum value of 1."; temperature and topP "Valid Range: Minimum value of 0. Maximum value of 1."; stopSequences
    // "Length Constraints: Minimum length of 1." An API-shape constraint, refused for every model: "Value '1.5' at
    // 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1"
    // (amazon.nova-micro-v1:0, github.com/stdapi-ai/stdapi.ai/issues/224); the other bounds are worded as AWS words
    // that one (the stop sequence's as the tool description's length above).
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InferenceConfiguration.html; github.com/stdapi-ai/stdapi.ai/issues/224 (recorded ValidationException)',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const config = inferenceConfigOf(request);
      const refused = (field: string, value: unknown, constraint: string): string =>
        `1 validation error detected: Value '${String(value)}' at 'inferenceConfig.${field}' failed to satisfy constraint: ${constraint}`;
      const maxTokens = config['maxTokens'];
      if (typeof maxTokens === 'number' && maxTokens < 1) return refused('maxTokens', maxTokens, 'Member must have value greater than or equal to 1');
      for (const field of ['temperature', 'topP']) {
        const value = config[field];
        if (typeof value !== 'number') continue;
        if (value > 1) return refused(field, value, 'Member must have value less than or equal to 1');
        if (value < 0) return refused(field, value, 'Member must have value greater than or equal to 0');
      }
      const stops = Array.isArray(config['stopSequences']) ? config['stopSequences'] : [];
      // stopSequences "Array Members: Minimum number of 0 items. Maximum number of 4 items." (the same page).
      if (stops.length > 4) return refused('stopSequences', `[${stops.join(', ')}]`, 'Member must have length less than or equal to 4');
      const empty = stops.findIndex((stop) => stop === '');
      return empty === -1 ? undefined : refused(`stopSequences.${empty + 1}.member`, '', 'Member must have length greater than or equal to 1');
    },
  },
  {
    id: 'bedrock.converse.claude-stop-sequences.non-whitespace',
    // Converse hands the stop sequences to Claude, which refuses one that is only whitespace: "stop_sequences: each stop
    // sequence must contain non-whitespace" (an OpenAI caller's `stop: ["\n"]` through Bedrock,
    // github.com/BerriAI/litellm/issues/3286), given in Bedrock's words for Claude's refusals as the rules below.
    source: 'github.com/BerriAI/litellm/issues/3286 (recorded error)',
    check: (request) => {
      if (!isConverse(request) || !isClaudeModel(request)) return undefined;
      const stops = inferenceConfigOf(request)['stopSequences'];
      return Array.isArray(stops) && stops.some((stop) => typeof stop === 'string' && stop !== '' && stop.trim() === '')
        ? 'The model returned the following errors: stop_sequences: each stop sequence must contain non-whitespace'
        : undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-use-id.constraints',
    // ToolUseBlock and ToolResultBlock `toolUseId`: "Length Constraints: Minimum length of 1. Maximum length of 64.
    // Pattern: [a-zA-Z0-9_-]+" (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolUseBlock.html,
    // API_runtime_ToolResultBlock.html); worded as the recorded pattern refusal of a tool name, and AWS's length one.
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolUseBlock.html; test/fixtures/recorded/bedrock/error-400-validation-tool-name-pattern.json',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      for (const [messageIndex, message] of converseMessages(request).entries()) {
        for (const [blockIndex, block] of blocksOf(message).entries()) {
          const kind = isRecord(block['toolUse']) ? 'toolUse' : isRecord(block['toolResult']) ? 'toolResult' : undefined;
          if (kind === undefined) continue;
          const id = String((block[kind] as Record<string, unknown>)['toolUseId']);
          const where = `messages.${messageIndex + 1}.member.content.${blockIndex + 1}.member.${kind}.toolUseId`;
          if (id.length > 64) return `1 validation error detected: Value at '${where}' failed to satisfy constraint: Member must have length less than or equal to 64`;
          if (!/^[a-zA-Z0-9_-]+$/.test(id)) return `1 validation error detected: Value at '${where}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.cache-point.after-content',
    source: 'test/fixtures/recorded/bedrock/error-400-validation-cachepoint-nothing-to-cache.json',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const system = isRecord(request.body) && Array.isArray(request.body['system']) ? request.body['system'].filter(isRecord) : [];
      const leading = [system, ...converseMessages(request).map(blocksOf)].some((blocks) => blocks[0]?.['cachePoint'] !== undefined);
      return leading ? recordedMessage('error-400-validation-cachepoint-nothing-to-cache.json') : undefined;
    },
  },
  {
    id: 'bedrock.converse.cache-point.after-reasoning',
    // Claude on Converse takes no cache point right after a reasoning block: "ValidationException: Cache point cannot
    // be inserted after reasoning block. Please remove the invalid cache point and try again." (recorded,
    // github.com/anomalyco/opencode/issues/36517, and github.com/0xPlaygrounds/rig/issues/1673 on claude-sonnet-4-6).
    source: 'github.com/anomalyco/opencode/issues/36517; github.com/0xPlaygrounds/rig/issues/1673 (recorded ValidationException)',
    check: (request) => {
      if (!isConverse(request) || !isClaudeModel(request)) return undefined;
      const after = converseMessages(request).some((message) => blocksOf(message).some((block, index, blocks) => block['cachePoint'] !== undefined && isReasoning(blocks[index - 1])));
      return after ? 'Cache point cannot be inserted after reasoning block. Please remove the invalid cache point and try again.' : undefined;
    },
  },
  {
    id: 'bedrock.converse.document.name',
    // "The name can only contain the following characters: Alphanumeric characters, Whitespace
    // characters (no more than one in a row), Hyphens, Parentheses, Square brackets" and "Length
    // Constraints: Minimum length of 1. Maximum length of 200." The wording of the refusal follows
    // Bedrock's validation messages (error-400-validation-tool-name-pattern.json).
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html (name)',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const bad = documentsOf(request).find(({ document }) => {
        const name = document['name'];
        if (typeof name !== 'string' || name.length < 1 || name.length > 200) return true;
        return !/^[A-Za-z0-9\s\-()[\]]+$/.test(name) || /\s\s/.test(name);
      });
      return bad === undefined
        ? undefined
        : `1 validation error detected: Value at '${bad.where}.name' failed to satisfy constraint: the name may hold only alphanumeric characters, single whitespace characters, hyphens, parentheses and square brackets, 1 to 200 of them`;
    },
  },
  {
    id: 'bedrock.converse.document.format',
    // "format … Valid Values: pdf | csv | doc | docx | xls | xlsx | html | txt | md".
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html (format)',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const formats = ['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'];
      const bad = documentsOf(request).find(({ document }) => document['format'] !== undefined && !formats.includes(String(document['format'])));
      return bad === undefined
        ? undefined
        : `1 validation error detected: Value '${String(bad.document['format'])}' at '${bad.where}.format' failed to satisfy constraint: Member must satisfy enum value set: [${formats.join(', ')}]`;
    },
  },
  {
    id: 'bedrock.converse.image.bytes-match-format',
    // The model checks the bytes against `format`. Claude: "The model returned the following errors:
    // messages.0.content.0.image.source.bytes: The image was specified using the image/jpeg media type, but the image
    // appears to be a image/png image" (github.com/aws-samples/amazon-bedrock-client-for-mac/issues/130); Llama 3.2:
    // "The model returned the following errors: The provided image does not match the specified image format."
    // (github.com/boto/boto3/issues/4415).
    source: 'github.com/aws-samples/amazon-bedrock-client-for-mac/issues/130; github.com/boto/boto3/issues/4415',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      for (const { at, member } of memberBlocksOf(request, 'image')) {
        const bytes = isRecord(member['source']) ? member['source']['bytes'] : undefined;
        const found = typeof bytes === 'string' ? imageDataFormat(bytes) : undefined;
        if (found === undefined || member['format'] === found) continue;
        return isClaudeModel(request)
          ? `The model returned the following errors: messages.${at.message}.content.${at.block}.image.source.bytes: The image was specified using the image/${String(member['format'])} media type, but the image appears to be a image/${found} image`
          : 'The model returned the following errors: The provided image does not match the specified image format.';
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.claude-image-limits',
    // Each image: "Claude has specific content requirements, such as a maximum image size of 8000x8000 pixels"
    // (docs.aws.amazon.com/bedrock/latest/userguide/inference-api-restrictions.html); how many, Bedrock's own
    // limit (bedrock.claude.media-count below);
    // Anthropic's 2000 pixels past 20 images and 5 MB of base64 hold with them (anthropic/content-rules.ts). Worded
    // as Claude's refusals come back on Converse (the bytes-match-format rule above): the model's message, its path
    // naming `image.source.bytes`.
    source: 'docs.aws.amazon.com/bedrock/latest/userguide/inference-api-restrictions.html; platform.claude.com/docs/en/build-with-claude/vision',
    check: (request) => {
      if (!isConverse(request) || !isClaudeModel(request)) return undefined;
      const images = memberBlocksOf(request, 'image');
      const many = images.length > 20;
      const limit = many ? 2000 : 8000;
      for (const { at, member } of images) {
        const bytes = isRecord(member['source']) ? member['source']['bytes'] : undefined;
        if (typeof bytes !== 'string') continue;
        const path = `messages.${at.message}.content.${at.block}.image.source.bytes`;
        if (bytes.length > 5 * 1024 * 1024) return `The model returned the following errors: ${path}: image exceeds 5 MB maximum: ${bytes.length} bytes > 5242880 bytes`;
        let pixels: { width: number; height: number } | undefined;
        try {
          pixels = imageSize(Buffer.from(bytes, 'base64'));
        } catch {
          continue;
        }
        if (pixels.width > limit || pixels.height > limit) {
          return `The model returned the following errors: ${path}: At least one of the image dimensions exceed max allowed size${many ? ' for many-image requests' : ''}: ${limit} pixels`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.claude.media-count',
    // Bedrock counts a Claude request's images and documents together, on Converse and InvokeModel, and its limit is
    // its own: "You can include up to 20 images … up to five documents" (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html);
    // "The model returned the following errors: too many images and documents: 19 + 5 > 20" on Converse with Sonnet 4
    // (github.com/boto/boto3/issues/4632), "too many images and documents: 21 + 0 > 20" with Claude 3.x Sonnet
    // (github.com/cline/cline/issues/1844), 20 on InvokeModel with Claude 3.7 (github.com/aws-samples/amazon-bedrock-samples/issues/588).
    // The 1M-token models take 100 ("too many images and documents: 117 + 0 > 100", github.com/kirodotdev/Kiro/issues/8700;
    // 29 accepted on claude-sonnet-5, github.com/aws-solutions-library-samples/accelerated-intelligent-document-processing-on-aws/issues/994).
    // A Claude model neither names is not judged here.
    source:
      'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html; github.com/boto/boto3/issues/4632; github.com/cline/cline/issues/1844; github.com/aws-samples/amazon-bedrock-samples/issues/588; github.com/kirodotdev/Kiro/issues/8700',
    check: (request) => {
      if (!isClaudeModel(request)) return undefined;
      const limit = bedrockMediaLimit(modelOf(request));
      if (limit === undefined) return undefined;
      const counted = isConverse(request)
        ? { images: memberBlocksOf(request, 'image').length, documents: documentsOf(request).length }
        : isClaudeInvoke(request)
          ? invokeMediaCount(request)
          : undefined;
      if (counted === undefined || counted.images + counted.documents <= limit) return undefined;
      const refusal = `too many images and documents: ${counted.images} + ${counted.documents} > ${limit}`;
      return isConverse(request) ? `The model returned the following errors: ${refusal}` : refusal;
    },
  },
  {
    id: 'bedrock.converse.document.at-most-five',
    source: 'github.com/aws-samples/generative-ai-use-cases/issues/1685 (Bedrock\'s ValidationException: "You can\'t include more than 5 documents in a request.")',
    check: (request) => (isConverse(request) && documentsOf(request).length > 5 ? "You can't include more than 5 documents in a request." : undefined),
  },
  {
    id: 'bedrock.converse.document.unique-names',
    source: 'github.com/maximhq/bifrost/issues/7003 (Bedrock\'s ValidationException: "Messages can\'t contain duplicate document names. Rename the document and retry your request.")',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const names = documentsOf(request).map(({ document }) => String(document['name']));
      return new Set(names).size === names.length ? undefined : "Messages can't contain duplicate document names. Rename the document and retry your request.";
    },
  },
  {
    id: 'bedrock.converse.document.with-text',
    source: 'github.com/BerriAI/litellm/pull/36499 and github.com/maximhq/bifrost/pull/5817 (Bedrock\'s 400: "A text block must be included when using documents. Add a text block and retry your request.")',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const missing = converseMessages(request).some((message) => {
        const blocks = blocksOf(message);
        return blocks.some((block) => block['document'] !== undefined) && !blocks.some((block) => typeof block['text'] === 'string' && block['text'].trim() !== '');
      });
      return missing ? 'A text block must be included when using documents. Add a text block and retry your request.' : undefined;
    },
  },
  {
    id: 'bedrock.converse.cache-point.at-most-four',
    // Bedrock's prompt caching table: "Max checkpoints per request | 4" for every model (the refusal's wording is not recorded).
    source: 'portkey.ai/docs/integrations/llms/bedrock/prompt-caching (from docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html)',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const count = cachePointsOf(request);
      return count > 4 ? `A maximum of 4 cache points is allowed per request; ${count} were given.` : undefined;
    },
  },
  {
    id: 'bedrock.converse.cache-point.model-caches',
    // Bedrock's prompt caching models table lists the models that take cache checkpoints: Claude 3.7 Sonnet, 3.5 Haiku
    // and the Claude 4 families (Opus 4, 4.1, 4.5, 4.6, Sonnet 4, 4.5, 4.6, Haiku 4.5), Nova Micro, Lite, Pro and
    // Premier (docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html, as synced in
    // github.com/Portkey-AI/docs-core/pull/955), and Nova 2 Lite (its model card, quoted in
    // github.com/zeroclaw-labs/zeroclaw/pull/8943); Claude later than the table caches alike
    // (docs.litellm.ai/docs/completion/prompt_caching, Bedrock minimums for Opus 4.7 to 5). Claude 3.5 Sonnet v2's
    // preview takes no new customers. Any other model's cachePoint fails the request: "You invoked an unsupported
    // model or your request did not allow prompt caching. See the documentation for more information."
    // (github.com/cline/cline/issues/2064, a 400; Claude 3 Sonnet: github.com/posit-dev/positron/issues/12142; Llama:
    // github.com/strands-agents/harness-sdk/pull/1807). An id naming no model (an application inference profile) is
    // not judged.
    source: 'docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html; github.com/cline/cline/issues/2064; github.com/posit-dev/positron/issues/12142; github.com/strands-agents/harness-sdk/pull/1807',
    check: (request) => {
      if (!isConverse(request) || cachePointsOf(request) === 0) return undefined;
      const named = /^(?:(?:us|eu|apac|global|us-gov|jp|au|ca)\.)?([a-z0-9]+)\.(.+)$/.exec(modelOf(request).split('/').at(-1) ?? '');
      if (named === null) return undefined;
      const caches = named[1] === 'anthropic' ? /^claude-(?:3-7-sonnet|3-5-haiku|(?:opus|sonnet|haiku)-\d)/.test(named[2]!) : named[1] === 'amazon' && /^nova-(?:micro|lite|pro|premier|2-lite)-/.test(named[2]!);
      return caches ? undefined : 'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.';
    },
  },
  {
    id: 'bedrock.converse.tool-choice.declared-tool',
    // SpecificToolChoice: "The Model must request the specified tool", "The name of the tool that the model must
    // request" (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_SpecificToolChoice.html): one of
    // `toolConfig.tools`. Claude, which most such requests reach, refuses any other ("Tool '…' not found in provided
    // tools", anthropic/tool-rules.ts); Bedrock's own wording for it is not recorded, so that one is used.
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_SpecificToolChoice.html',
    check: (request) => {
      const config = isConverse(request) && isRecord(request.body) ? request.body['toolConfig'] : undefined;
      const choice = isRecord(config) && isRecord(config['toolChoice']) ? config['toolChoice']['tool'] : undefined;
      if (!isRecord(choice) || !isRecord(config)) return undefined;
      const tools = Array.isArray(config['tools']) ? config['tools'].filter(isRecord) : [];
      const declared = tools.some((tool) => isRecord(tool['toolSpec']) && tool['toolSpec']['name'] === choice['name']);
      return declared ? undefined : `Tool '${String(choice['name'])}' not found in provided tools`;
    },
  },
  {
    id: 'bedrock.converse.tool-config.with-tool-blocks',
    // Quoted in vxcontrol/pentagi#196 and patriceckhart/zot#18 (Bedrock's 400 text).
    source: 'github.com/vxcontrol/pentagi/pull/196: "The toolConfig field must be defined when using toolUse and toolResult content blocks."',
    check: (request) => {
      if (!isConverse(request) || !isRecord(request.body) || request.body['toolConfig'] !== undefined) return undefined;
      const used = converseMessages(request).some((message) => blocksOf(message).some((block) => block['toolUse'] !== undefined || block['toolResult'] !== undefined));
      return used ? 'The toolConfig field must be defined when using toolUse and toolResult content blocks.' : undefined;
    },
  },
  {
    id: 'bedrock.count-tokens.model-supported',
    // CountTokens counts for the Anthropic Claude models the user guide lists, and for no other provider's, by
    // their foundation model id; an inference profile's id (`us.anthropic.…`) or another provider's model
    // (`amazon.nova-…`, `meta.llama…`) is refused with a ValidationException, HTTP 400, in these words.
    // Claude models missing from the list are not judged here: which ones changes, and no refusal of a
    // named one is recorded where it can be cited.
    source:
      'docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html (supported models: Anthropic Claude only); wording and status: github.com/maximhq/bifrost/pull/2169, github.com/strands-agents/sdk-typescript/pull/999, alchemy.run/providers/aws/bedrock/counttokens ("Amazon Nova models and cross-region inference-profile ids are rejected")',
    check: (request) => {
      if (operation(request) !== 'count-tokens') return undefined;
      const id = modelOf(request).replace(/^arn:[^:]+:bedrock:[^:]*:[^:]*:foundation-model\//, '');
      const provider = /^([a-z0-9-]+)\.[a-z0-9]/.exec(id)?.[1];
      // An application inference profile's ARN, or a name with no provider in it, is not judged.
      if (provider === undefined || provider === 'anthropic') return undefined;
      return "The provided model doesn't support counting tokens.";
    },
  },
  {
    id: 'bedrock.count-tokens.input.one-member',
    // CountTokensInput: "This data type is a UNION, so only one of the following members can be
    // specified when used or returned": converse, invokeModel; CountTokens' `input` is "Required: Yes".
    // The refusal's wording follows Bedrock's validation messages (error-400-validation-tool-name-pattern.json).
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokensInput.html; API_runtime_CountTokens.html (input: Required)',
    check: (request) => {
      const input = countTokensInput(request);
      if (input === undefined) return undefined;
      const members = Object.keys(input);
      if (members.length === 1 && (members[0] === 'converse' || members[0] === 'invokeModel')) return undefined;
      return `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have exactly one of converse, invokeModel; it has ${members.length === 0 ? 'none' : members.join(', ')}`;
    },
  },
  {
    id: 'bedrock.count-tokens.converse.fields',
    // ConverseTokensRequest "Contents": messages, system, toolConfig, additionalModelRequestFields and no
    // more (the AWS SDK's schema, @aws-sdk/client-bedrock-runtime `ConverseTokensRequest$`, serializes those four).
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseTokensRequest.html',
    check: (request) => {
      const converse = countTokensInput(request)?.['converse'];
      if (!isRecord(converse)) return undefined;
      const known = ['messages', 'system', 'toolConfig', 'additionalModelRequestFields'];
      const unknown = Object.keys(converse).filter((field) => !known.includes(field));
      return unknown.length === 0 ? undefined : `1 validation error detected: input.converse does not take ${unknown.join(', ')}`;
    },
  },
  {
    id: 'bedrock.count-tokens.invoke-model.body',
    // InvokeModelTokensRequest `body`: "Type: Base64-encoded binary data object", "formatted according to
    // the model's expected input format"; for Claude that format's anthropic_version and max_tokens are
    // "(Required)" (model-parameters-anthropic-claude-messages-request-response.html).
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelTokensRequest.html; docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html',
    check: (request) => {
      const input = countTokensInput(request);
      if (input?.['invokeModel'] === undefined) return undefined;
      const body = countedInvokeBody(input);
      if (!isRecord(body)) return 'input.invokeModel.body must be the base64 of the model\'s JSON request body.';
      if (!decodeURIComponent(operationPath.exec(pathOf(request))?.[1] ?? '').includes('anthropic.')) return undefined;
      if (typeof body['anthropic_version'] !== 'string' || !/^(bedrock-)?\d{4}-\d{2}-\d{2}$/.test(body['anthropic_version'])) return 'anthropic_version is required: bedrock-2023-05-31.';
      return Number.isInteger(body['max_tokens']) ? undefined : 'max_tokens is required.';
    },
  },
  {
    id: 'bedrock.converse.claude-thinking.tool-turn-opens-with-reasoning',
    // Claude on Converse with thinking on refuses a request answering tool calls whose assistant turn does not
    // open with its reasoning; recorded ValidationException texts (github.com/pydantic/pydantic-ai/issues/2453,
    // github.com/langchain-ai/langchain-aws/issues/844): "The model returned the following errors:
    // messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is
    // enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of
    // `tool_use` and `tool_result` blocks). …". A `reasoningContent` block is Claude's thinking block on Converse.
    source: 'github.com/pydantic/pydantic-ai/issues/2453; github.com/langchain-ai/langchain-aws/issues/844 (recorded ValidationException)',
    check: (request) => {
      if (!isConverse(request) || !isClaudeModel(request) || !converseThinkingEnabled(request)) return undefined;
      const opening = openingOfToolLoop(converseMessages(request));
      if (opening === undefined) return undefined;
      const first = blocksOf(opening.message)[0];
      if (isReasoning(first)) return undefined;
      return `The model returned the following errors: messages.${opening.index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${claudeBlockName(first)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`;
    },
  },
  // Where Claude takes its thinking blocks on Converse, as on Anthropic's API (anthropic/thinking-rules.ts): first in
  // their message, first in a prefill while manual thinking is on, not in a prefill while thinking is off.
  {
    id: 'bedrock.converse.claude-thinking.reasoning-opens-its-message',
    // Recorded on Converse (github.com/aws/bedrock-agentcore-sdk-python/issues/416: us.anthropic.claude-sonnet-4-20250514-v1:0
    // with thinking enabled, reasoningContent after text; also github.com/strands-agents/harness-sdk/pull/1848):
    // "An error occurred (ValidationException) when calling the Converse operation: If an assistant message contains
    // any thinking blocks, the first block must be thinking. Found text". Unlike the relayed refusals below, Converse
    // words this one itself, without "The model returned the following errors: " and without the message's index
    // (Anthropic's API: "messages.1.content.0: If an assistant message contains any thinking blocks, the first block
    // must be `thinking` or `redacted_thinking`. Found `text`.", anthropics/claude-code#20692, #20705). Judged with
    // thinking on (manual or adaptive), as Anthropic's rule is and as it was recorded.
    source: 'github.com/aws/bedrock-agentcore-sdk-python/issues/416; github.com/strands-agents/harness-sdk/pull/1848 (recorded ValidationException); github.com/anthropics/claude-code/issues/20692 (recorded 400)',
    check: (request) => {
      const type = converseThinkingType(request);
      if (!isConverse(request) || !isClaudeModel(request) || (type !== 'enabled' && type !== 'adaptive')) return undefined;
      for (const message of converseMessages(request)) {
        const blocks = blocksOf(message);
        if (message['role'] !== 'assistant' || isReasoning(blocks[0]) || !blocks.some(isReasoning)) continue;
        return `If an assistant message contains any thinking blocks, the first block must be thinking. Found ${claudeBlockName(blocks[0])}`;
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.claude-thinking.prefill-opens-with-reasoning',
    // Recorded 400 on Anthropic's API (github.com/Aider-AI/aider/issues/3820: a prefill continuing a cut answer of
    // claude-3-7-sonnet with thinking on): "messages.3.content.0.type: Expected `thinking` or `redacted_thinking`, but
    // found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block. We
    // recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. …".
    // The Converse wording follows the recorded Converse pattern, the model's message after "The model returned the
    // following errors: " (the tool-turn rule above); these words, as far as "from previous turns.", come back so on
    // ConverseStream for Claude Sonnet 4.5 with manual thinking (github.com/aws/bedrock-agentcore-sdk-python/issues/159,
    // its history not recorded).
    source: 'github.com/Aider-AI/aider/issues/3820 (recorded 400); github.com/aws/bedrock-agentcore-sdk-python/issues/159 (recorded ValidationException)',
    check: (request) => {
      if (!converseClaudeThinking(request)) return undefined;
      const messages = converseMessages(request);
      const last = messages.at(-1);
      const first = last === undefined ? undefined : blocksOf(last)[0];
      if (last?.['role'] !== 'assistant' || isReasoning(first)) return undefined;
      return `The model returned the following errors: messages.${messages.length - 1}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${claudeBlockName(first)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block. We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`;
    },
  },
  {
    id: 'bedrock.converse.claude-thinking.no-reasoning-in-final-message-when-off',
    // Recorded 400 on Anthropic's API (github.com/tailcallhq/forgecode/issues/1853, claude-sonnet-4-5;
    // github.com/microsoft/vscode/issues/282326): "messages.1.content.0: When thinking is disabled, an `assistant`
    // message in the final position cannot contain `thinking`. To use thinking blocks, enable `thinking` in your
    // request." Thinking is off with no `thinking` among the model fields, or `disabled`. The Converse wording follows
    // the recorded Converse pattern, the model's message after "The model returned the following errors: "
    // (github.com/pydantic/pydantic-ai/issues/2453); no Converse recording of this one was found.
    source: 'github.com/tailcallhq/forgecode/issues/1853; github.com/microsoft/vscode/issues/282326 (recorded 400); github.com/pydantic/pydantic-ai/issues/2453 (Bedrock\'s wording)',
    check: (request) => {
      const type = converseThinkingType(request);
      if (!isConverse(request) || !isClaudeModel(request) || (type !== undefined && type !== 'disabled')) return undefined;
      const messages = converseMessages(request);
      const last = messages.at(-1);
      if (last?.['role'] !== 'assistant') return undefined;
      const position = blocksOf(last).findIndex(isReasoning);
      return position === -1
        ? undefined
        : `The model returned the following errors: messages.${messages.length - 1}.content.${position}: When thinking is disabled, an \`assistant\` message in the final position cannot contain \`thinking\`. To use thinking blocks, enable \`thinking\` in your request.`;
    },
  },
  // What Claude takes beside manual thinking on Converse, as Anthropic's API has it (anthropic/thinking-rules.ts), in
  // Bedrock's words: the model's own message after "The model returned the following errors: ". InvokeModel's body is
  // Anthropic's and is judged by those rules below, so these judge Converse only, where the fields are Converse's.
  {
    id: 'bedrock.converse.claude-thinking.temperature',
    // Recorded ValidationException (Converse through LiteLLM, github.com/BerriAI/litellm/issues/9524 and
    // github.com/Aider-AI/aider/issues/3720): "The model returned the following errors: temperature may only be set to
    // 1 when thinking is enabled."
    source: 'github.com/BerriAI/litellm/issues/9524; github.com/Aider-AI/aider/issues/3720 (recorded ValidationException)',
    check: (request) => {
      const temperature = converseClaudeThinking(request) ? inferenceConfigOf(request)['temperature'] : undefined;
      return temperature !== undefined && temperature !== 1 ? 'The model returned the following errors: temperature may only be set to 1 when thinking is enabled.' : undefined;
    },
  },
  {
    id: 'bedrock.converse.claude-thinking.top_p',
    // "When thinking is enabled, you can set top_p to values between 1 and 0.95"
    // (docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility); Bedrock's refusal recorded
    // through LiteLLM (github.com/n8n-io/n8n/issues/14288, github.com/chatboxai/chatbox/issues/2099): "The model
    // returned the following errors: top_p must be unset when thinking is enabled." (the value refused is not recorded,
    // so the documented range is judged).
    source: 'docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility; github.com/n8n-io/n8n/issues/14288 (recorded ValidationException)',
    check: (request) => {
      const topP = converseClaudeThinking(request) ? inferenceConfigOf(request)['topP'] : undefined;
      return typeof topP === 'number' && (topP < 0.95 || topP > 1) ? 'The model returned the following errors: top_p must be unset when thinking is enabled.' : undefined;
    },
  },
  {
    id: 'bedrock.converse.claude-thinking.top_k',
    // Converse has no top_k of its own; Claude's goes in additionalModelRequestFields
    // (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InferenceConfiguration.html: maxTokens, stopSequences,
    // temperature, topP only). Claude refuses it with thinking: "`top_k` must be unset when thinking is enabled."
    // (Anthropic's recorded 400, github.com/danny-avila/LibreChat/issues/6023), worded here as Bedrock words the
    // recorded top_p refusal above.
    source: 'github.com/danny-avila/LibreChat/issues/6023 (recorded 400); github.com/n8n-io/n8n/issues/14288 (Bedrock\'s wording)',
    check: (request) => {
      if (!converseClaudeThinking(request) || !isRecord(request.body)) return undefined;
      const fields = request.body['additionalModelRequestFields'];
      return isRecord(fields) && fields['top_k'] !== undefined ? 'The model returned the following errors: top_k must be unset when thinking is enabled.' : undefined;
    },
  },
  {
    id: 'bedrock.converse.claude-thinking.forced-tool-choice',
    // Recorded ValidationException on Converse (github.com/pydantic/pydantic-ai/issues/3092, Claude Sonnet 4.5 with
    // `thinking: {"type": "enabled"}`; github.com/strands-agents/harness-sdk/pull/1495, `toolChoice: {"any": {}}`;
    // github.com/langchain-ai/langchain-aws/issues/925): "The model returned the following errors: Thinking may not be
    // enabled when tool_choice forces tool use."
    source: 'github.com/pydantic/pydantic-ai/issues/3092; github.com/strands-agents/harness-sdk/pull/1495; github.com/langchain-ai/langchain-aws/issues/925 (recorded ValidationException)',
    check: (request) => {
      if (!converseClaudeThinking(request) || !isRecord(request.body)) return undefined;
      const config = request.body['toolConfig'];
      const choice = isRecord(config) ? config['toolChoice'] : undefined;
      return isRecord(choice) && (choice['any'] !== undefined || choice['tool'] !== undefined) ? 'The model returned the following errors: Thinking may not be enabled when tool_choice forces tool use.' : undefined;
    },
  },
  {
    id: 'bedrock.invoke.no-stream-key',
    // InvokeModel's Claude body has no `stream`: the operation streams (invoke-with-response-stream), and the body's schema
    // is closed (docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html
    // lists its fields). Anthropic's own body with `stream` in it is refused, 400 ValidationException: "Malformed input
    // request: #: subject must not be valid against schema {"required":["messages"]}#: extraneous key [stream] is not
    // permitted, please reformat your input and try again." (github.com/sigoden/aichat/issues/543, Claude 3 Haiku).
    source: 'docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html; github.com/sigoden/aichat/issues/543',
    check: (request) =>
      isClaudeInvoke(request) && isRecord(request.body) && request.body['stream'] !== undefined
        ? 'Malformed input request: #: subject must not be valid against schema {"required":["messages"]}#: extraneous key [stream] is not permitted, please reformat your input and try again.'
        : undefined,
  },
  {
    id: 'bedrock.invoke.first-message-user',
    // Claude on InvokeModel refuses a conversation opening with the assistant, which Anthropic's own API serves: "Error:
    // 400 messages: first message must use the \"user\" role" for `[{assistant: "How can I help?"}, {user: …}]` through
    // @anthropic-ai/bedrock-sdk on anthropic.claude-3-haiku-20240307-v1:0 (github.com/anthropics/anthropic-sdk-typescript/issues/622;
    // also github.com/langchain4j/langchain4j/issues/1864, "Bedrock invocation fails if the first message on messageList
    // not use the user role").
    source: 'github.com/anthropics/anthropic-sdk-typescript/issues/622 (recorded 400); github.com/langchain4j/langchain4j/issues/1864',
    check: (request) => {
      if (!isClaudeInvoke(request) || !isRecord(request.body) || !Array.isArray(request.body['messages'])) return undefined;
      const first: unknown = request.body['messages'][0];
      return first === undefined || (isRecord(first) && first['role'] === 'user') ? undefined : 'messages: first message must use the "user" role';
    },
  },
  // Claude's own body on InvokeModel is judged by Anthropic's rules (the request's fields, content, tools, structured
  // output, thinking, cache breakpoints), as on Vertex (vertex.ts): the body is Anthropic's Messages body
  // (docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html).
  // Bedrock's wording of these refusals on InvokeModel is not recorded, so Anthropic's is given.
  // Structured output's schema is "generally available on the Claude API and Amazon Bedrock"
  // (https://platform.claude.com/docs/en/build-with-claude/structured-outputs).
  // Nor does InvokeModel take Anthropic's top-level `cache_control` (requestLevelCacheRefused). The version travels in
  // the body (bedrock.invoke.anthropic-required), so the API's header rule does not apply; a prefill beside tools is
  // judged in Bedrock's recorded words by bedrock.model.claude-tools-no-prefill (models/bedrock-models.ts).
  ...[...requestRules, ...contentRules, ...toolRules, ...structuredOutputRules, ...thinkingRules, ...cacheRules, requestLevelCacheRefused]
    .filter((rule) => rule.id !== 'anthropic.tools.no-prefill')
    .map((rule): VendorRule => ({ ...rule, id: `bedrock.invoke.${rule.id}`, check: (request) => (isClaudeInvoke(request) ? rule.check(request) : undefined) })),
  {
    id: 'bedrock.invoke.anthropic-required',
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html:
    // "anthropic_version – (Required) The anthropic version. The value must be bedrock-2023-05-31."
    // "max_tokens – (Required) The maximum number of tokens to generate before stopping."
    // Anthropic's own Bedrock client sends its dated API version there instead (@anthropic-ai/bedrock-sdk,
    // client.mjs `adaptRequest`: its `anthropic-version` header, a date, moved into the body), so
    // that is taken too (test/vendor-rules/bedrock-aws-sdk.test.ts).
    source: 'docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html (anthropic_version, max_tokens: required); @anthropic-ai/bedrock-sdk adaptRequest',
    check: (request) => {
      const kind = operation(request);
      if (kind !== 'invoke' && kind !== 'invoke-with-response-stream') return undefined;
      if (!modelOf(request).includes('anthropic.')) return undefined;
      const version = isRecord(request.body) ? request.body['anthropic_version'] : undefined;
      if (typeof version !== 'string' || !/^(bedrock-)?\d{4}-\d{2}-\d{2}$/.test(version)) return 'anthropic_version is required: bedrock-2023-05-31.';
      return isRecord(request.body) && Number.isInteger(request.body['max_tokens']) ? undefined : 'max_tokens is required.';
    },
  },
  {
    id: 'bedrock.invoke.no-file-sources',
    source: filesApiSource,
    check: (request) => (isClaudeInvoke(request) ? fileSourceRefusal(request.body, 'Amazon Bedrock') : undefined),
  },
  {
    id: 'bedrock.invoke.beta-flags',
    // Betas travel in the body's `anthropic_beta` list (@anthropic-ai/bedrock-sdk moves the `anthropic-beta` header
    // there), and a beta Bedrock has not enabled fails the request: "ValidationException: invalid beta flag"
    // (github.com/anthropics/claude-code/issues/56595, github.com/farion1231/cc-switch/issues/707).
    source: `github.com/anthropics/claude-code/issues/56595; ${enabledBetasSource}`,
    check: (request) => {
      if (!isClaudeInvoke(request) || !isRecord(request.body) || request.body['anthropic_beta'] === undefined) return undefined;
      const betas = request.body['anthropic_beta'];
      return Array.isArray(betas) && betas.every((beta) => betasEnabledOn.bedrock.has(String(beta))) ? undefined : 'invalid beta flag';
    },
  },
  {
    id: 'bedrock.converse.claude-betas',
    // Converse takes Claude's betas in `additionalModelRequestFields.anthropic_beta` and its `thinking` there too; a beta
    // not enabled on Converse fails the request (its wording on Converse is not recorded; InvokeModel's is given), and
    // a block binding needs its beta there.
    source: `${enabledBetasSource}; ${blockBindingSource}`,
    check: (request) => {
      if (!isConverse(request) || !isClaudeModel(request) || !isRecord(request.body)) return undefined;
      const fields = request.body['additionalModelRequestFields'];
      if (!isRecord(fields)) return undefined;
      const betas = Array.isArray(fields['anthropic_beta']) ? fields['anthropic_beta'].map(String) : [];
      if (betas.some((beta) => !betasEnabledOn.bedrockConverse.has(beta))) return 'The model returned the following errors: invalid beta flag';
      return blockBindingWithoutBeta({ ...request, body: fields }, betas);
    },
  },
  {
    id: 'bedrock.invoke.tool-search-beta',
    // Deferred tools need Bedrock's own tool search beta in `anthropic_beta` (tool-search-rules.ts).
    source: toolSearchSource,
    check: (request) => {
      if (!isClaudeInvoke(request) || !isRecord(request.body)) return undefined;
      const betas = request.body['anthropic_beta'];
      return deferredToolWithoutBeta(request, Array.isArray(betas) ? betas.map(String) : []);
    },
  },
  {
    id: 'bedrock.invoke.effort-models',
    // `output_config.effort` is generally available on Bedrock for the models that have it, and an extra input for the
    // others (effort-rules.ts), in the words Bedrock relays a model's refusal with (bedrock.invoke.claude-no-output-format).
    source: `${cloudEffortSource}; ${effortWordSource}`,
    check: (request) => {
      if (!isClaudeInvoke(request)) return undefined;
      const model = /(?:^|\.)anthropic\.(claude-[a-z0-9-]+?)(?:-\d{8})?(?:-v\d+(?::\d+)?)?$/.exec(modelOf(request))?.[1];
      // A word the model lacks is refused as well (effort-rules.ts, bedrockEffortWordRefused).
      const refusal = model === undefined ? undefined : (effortOnModelWithout(request, model) ?? bedrockEffortWordRefused(request, model));
      return refusal === undefined ? undefined : `The model returned the following errors: ${refusal}`;
    },
  },
  {
    id: 'bedrock.invoke.block-binding-beta',
    // The block binding's beta, in Bedrock's place for betas (the rule above); enabled on Bedrock (beta-rules.ts).
    source: blockBindingSource,
    check: (request) => {
      if (!isClaudeInvoke(request) || !isRecord(request.body)) return undefined;
      const betas = request.body['anthropic_beta'];
      return blockBindingWithoutBeta(request, Array.isArray(betas) ? betas.map(String) : []);
    },
  },
];

export const bedrockJudge: VendorJudge = {
  name: 'bedrock',
  judges: (request) => request.method === 'POST' && operation(request) !== undefined,
  rules,
  errorBody: (_status, message) => ({ message }),
  errorHeaders: (_status, _message, rule) => ({
    'x-amzn-errortype': `${rule.id === tokenRule ? 'UnrecognizedClientException' : 'ValidationException'}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  }),
};
