/**
 * Converse request → interlingua, for callers of Bedrock's API. A `cachePoint` block becomes the
 * cache breakpoint of the part, system part or tool before it; a `document` block a file part;
 * Claude's `thinking` in `additionalModelRequestFields` becomes the reasoning settings, and
 * `outputConfig.textFormat` the response format (structured-output.ts).
 */
import type { ParseRequestContext, ParsedRequest } from '../../interlingua/dialect.js';
import type { AssistantPart, FilePart, ImagePart, ReasoningPart, TextPart, ToolResultPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { ChatRequest, ReasoningSettings } from '../../interlingua/request.js';
import type { ToolChoice, ToolDefinition } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { stringifyToolArguments } from '../../core/tool-arguments.js';
import { readCarrier, type CarriedSignature } from '../../core/signature-envelope.js';
import { converseRequestSchema, type ConverseRequest, type RequestBlock } from './request-schema.js';
import { dialectName, isPlainObject, passThroughFields } from './vendor-data.js';
import { breakpointOf } from './cache-points.js';
import { carryReasoningBreakpoint } from '../../core/reasoning-breakpoint.js';
import { filePartOf } from './documents.js';
import { parseOutputConfig } from './structured-output.js';
import { claudeVendorName, effortBeyondScaleMessage, effortOnScale, effortSpellingKey, thinkingSpellingKey } from '../../core/claude-effort.js';
import { approximatePrefix, messageFieldPathsKey } from '../../core/vendor-fields.js';

type Part = TextPart | ImagePart | FilePart | AssistantPart | ToolResultPart;

function imagePart(image: { format: string; source: { bytes: string } }): ImagePart {
  return { type: 'image', source: { kind: 'base64', mediaType: `image/${image.format}`, data: image.source.bytes } };
}

/**
 * A reasoning block's signature (or redacted data) is Bedrock's own, or another vendor's that the
 * gateway handed the caller inside an envelope (response-emit.ts) and now takes back to its origin.
 */
function carriedReasoning(text: string, carried: CarriedSignature): ReasoningPart {
  const part: ReasoningPart = { type: 'reasoning', text, signatureOrigin: carried.origin };
  if (carried.kind === 'redacted') part.redactedData = carried.value;
  else part.signature = carried.value;
  return part;
}

/**
 * Blocks → parts, each cache point attached to the part before it. A file part has no breakpoint in
 * the interlingua, so its cache point stays Bedrock's own. One after reasoning, which Bedrock
 * refuses ("Cache point cannot be inserted after reasoning block",
 * https://github.com/anomalyco/opencode/issues/36517), is carried back to the nearest part before
 * it (core/reasoning-breakpoint.ts), in this message or an earlier one.
 */
function partsOf(blocks: readonly RequestBlock[], where: string, earlier: readonly Message[], warnings: Warning[]): Part[] {
  const parts: Part[] = [];
  for (const block of blocks) {
    if ('cachePoint' in block) {
      const before = parts.at(-1);
      if (before === undefined) throw new InterlinguaError('invalid_request', `${where}: a cachePoint needs content before it.`);
      if (before.type === 'reasoning') carryReasoningBreakpoint(breakpointOf(block.cachePoint), parts.slice(0, -1), earlier, 'Converse', warnings);
      else if (before.type === 'file') before.vendor = { ...before.vendor, [dialectName]: { cachePoint: block.cachePoint } };
      else before.cache = breakpointOf(block.cachePoint);
    } else if ('text' in block) parts.push({ type: 'text', text: block.text });
    else if ('image' in block) parts.push(imagePart(block.image));
    else if ('document' in block) parts.push(filePartOf(block.document));
    else if ('toolUse' in block) parts.push({ type: 'tool-call', id: block.toolUse.toolUseId, name: block.toolUse.name, arguments: stringifyToolArguments(block.toolUse.input ?? {}) });
    else if ('toolResult' in block) {
      const content = block.toolResult.content.map((item): TextPart | ImagePart | FilePart =>
        'text' in item ? { type: 'text', text: item.text } : 'image' in item ? imagePart(item.image) : 'document' in item ? filePartOf(item.document) : { type: 'text', text: JSON.stringify(item.json) },
      );
      const result: ToolResultPart = { type: 'tool-result', toolCallId: block.toolResult.toolUseId, content };
      if (block.toolResult.status !== undefined) result.isError = block.toolResult.status === 'error';
      parts.push(result);
    } else if ('reasoningText' in block.reasoningContent) {
      const { text, signature } = block.reasoningContent.reasoningText;
      parts.push(signature === undefined || signature === '' ? { type: 'reasoning', text, signatureOrigin: dialectName } : carriedReasoning(text, readCarrier(dialectName, signature)));
    } else parts.push(carriedReasoning('', readCarrier(dialectName, block.reasoningContent.redactedContent, 'redacted')));
  }
  return parts;
}

function messagesOf(wire: ConverseRequest, warnings: Warning[]): Message[] {
  const messages: Message[] = [];
  wire.messages.forEach((message, index) => {
    const parts = partsOf(message.content, `messages.${index}`, messages, warnings);
    if (message.role === 'assistant') {
      const assistant = parts.filter((part): part is AssistantPart => part.type === 'text' || part.type === 'tool-call' || part.type === 'reasoning');
      if (assistant.length !== parts.length) throw new InterlinguaError('invalid_request', `messages.${index}: an assistant message takes text, toolUse and reasoningContent blocks only.`);
      messages.push({ role: 'assistant', content: assistant });
      return;
    }
    const results = parts.filter((part): part is ToolResultPart => part.type === 'tool-result');
    const user = parts.filter((part): part is TextPart | ImagePart | FilePart => part.type === 'text' || part.type === 'image' || part.type === 'file');
    if (results.length + user.length !== parts.length) throw new InterlinguaError('invalid_request', `messages.${index}: a user message takes no toolUse or reasoningContent blocks.`);
    if (results.length > 0) messages.push({ role: 'tool', content: results });
    if (user.length > 0) messages.push({ role: 'user', content: user });
  });
  return messages;
}

function toolsOf(wire: ConverseRequest, warnings: Warning[]): { tools?: ToolDefinition[]; toolChoice?: ToolChoice } {
  const config = wire.toolConfig;
  if (config === undefined) return {};
  const tools: ToolDefinition[] = [];
  for (const tool of config.tools) {
    if ('toolSpec' in tool) {
      tools.push({ name: tool.toolSpec.name, parameters: tool.toolSpec.inputSchema.json, ...(tool.toolSpec.description !== undefined ? { description: tool.toolSpec.description } : {}) });
      continue;
    }
    const before = tools.at(-1);
    if (before === undefined) {
      warnings.push({ type: 'unsupported', feature: 'toolConfig.cachePoint', message: 'A cache point before every tool caches nothing; it was left out.' });
    } else before.cache = breakpointOf(tool.cachePoint);
  }
  const choice = config.toolChoice;
  const toolChoice: ToolChoice | undefined = choice === undefined ? undefined : 'auto' in choice ? { type: 'auto' } : 'any' in choice ? { type: 'required' } : { type: 'tool', name: choice.tool.name };
  return { tools, ...(toolChoice !== undefined ? { toolChoice } : {}) };
}

interface ClaudeFields {
  reasoning?: ReasoningSettings;
  /** The model parameters left as they came. */
  rest?: Record<string, unknown>;
  /** Claude's fields as written, for an Anthropic upstream (core/claude-effort.ts). */
  claude?: Record<string, unknown>;
}

/**
 * Claude's `thinking` and `output_config.effort` among the model's own parameters; the rest stay
 * as they came. These are Anthropic's own fields
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html), read
 * as anthropic/request-parse.ts reads them: `enabled` with its budget (a budget that is not a
 * number Bedrock refuses, and so does the gateway), `disabled`, and `adaptive` (the model sizes its
 * thinking; the effort, if any, comes from `output_config.effort`). What the reasoning settings do
 * not say (`adaptive`, fields beside type and budget) is kept as written for an Anthropic upstream.
 * Thinking that is on comes back as `reasoningContent` blocks (recorded:
 * test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.*), so the caller also asks to see
 * it (`includeThoughts`), as Anthropic's own `thinking` does.
 */
function reasoningOf(additional: Record<string, unknown> | undefined): ClaudeFields {
  if (additional === undefined) return {};
  const { thinking, ...others } = additional;
  if (!isPlainObject(thinking)) return thinking === undefined ? withRest(additional) : { rest: additional };
  const { type, budget_tokens: budget, ...extras } = thinking;
  const extraPaths = Object.keys(extras).map((field) => `additionalModelRequestFields.thinking.${field}`);
  const claude: Record<string, unknown> = extraPaths.length > 0 ? { [thinkingSpellingKey]: thinking, [messageFieldPathsKey]: extraPaths } : {};
  let reasoning: ReasoningSettings;
  if (type === 'enabled') {
    if (budget !== undefined && typeof budget !== 'number') {
      throw new InterlinguaError('invalid_request', 'Invalid Converse request at additionalModelRequestFields.thinking.budget_tokens: expected a number of tokens.');
    }
    reasoning = { enabled: true, ...(budget !== undefined ? { budgetTokens: budget } : {}), includeThoughts: true };
  } else if (type === 'disabled') reasoning = { enabled: false };
  else {
    claude[thinkingSpellingKey] = thinking;
    reasoning = { enabled: true, includeThoughts: true };
  }
  const rest = reasoning.enabled === true ? takeEffort(reasoning, others, claude) : others;
  return { reasoning, ...withRest(rest), ...(Object.keys(claude).length > 0 ? { claude } : {}) };
}

function withRest(rest: Record<string, unknown>): { rest?: Record<string, unknown> } {
  return Object.keys(rest).length > 0 ? { rest } : {};
}

/**
 * `output_config.effort` with thinking on, as anthropic/request-parse.ts takes it: `low`, `medium`
 * and `high` are the interlingua's words; `xhigh` and `max`, above `high`, go to other targets as
 * `high`, which they report. The word as written goes to an Anthropic upstream. A word not known
 * here stays in `output_config` with the rest.
 */
function takeEffort(reasoning: ReasoningSettings, fields: Record<string, unknown>, claude: Record<string, unknown>): Record<string, unknown> {
  const config = fields['output_config'];
  if (!isPlainObject(config) || typeof config['effort'] !== 'string') return fields;
  const word = config['effort'];
  const onScale = effortOnScale(word);
  if (onScale === undefined) return fields;
  reasoning.effort = onScale;
  claude[effortSpellingKey] = word;
  if (onScale !== word) claude[`${approximatePrefix}output_config.effort`] = { message: effortBeyondScaleMessage(word, onScale) };
  const { effort: _effort, ...configRest } = config;
  const { output_config: _config, ...rest } = fields;
  return Object.keys(configRest).length > 0 ? { ...rest, output_config: configRest } : rest;
}

export function parseRequest(body: unknown, context: ParseRequestContext): ParsedRequest {
  const parsed = converseRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InterlinguaError('invalid_request', `Invalid Converse request at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`);
  }
  const wire = parsed.data;
  const warnings: Warning[] = [];
  const system = partsOf(wire.system ?? [], 'system', [], warnings) as TextPart[];
  const { reasoning, rest, claude } = reasoningOf(wire.additionalModelRequestFields);
  const inference = wire.inferenceConfig ?? {};
  const request: ChatRequest = {
    model: context.model ?? '',
    system,
    messages: messagesOf(wire, warnings),
    ...toolsOf(wire, warnings),
    sampling: {
      ...(inference.maxTokens !== undefined ? { maxOutputTokens: inference.maxTokens } : {}),
      ...(inference.temperature !== undefined ? { temperature: inference.temperature } : {}),
      ...(inference.topP !== undefined ? { topP: inference.topP } : {}),
      ...(inference.stopSequences !== undefined ? { stopSequences: inference.stopSequences } : {}),
    },
    ...(reasoning !== undefined ? { reasoning } : {}),
    stream: context.stream ?? false,
  };
  const responseFormat = parseOutputConfig(wire.outputConfig);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  const vendor: Record<string, unknown> = {};
  if (rest !== undefined) vendor['additionalModelRequestFields'] = rest;
  for (const field of passThroughFields) {
    if (wire[field] !== undefined) vendor[field] = wire[field];
  }
  if (Object.keys(vendor).length > 0) request.vendor = { [dialectName]: vendor };
  if (claude !== undefined) request.vendor = { ...request.vendor, [claudeVendorName]: claude };
  return { request, warnings };
}
