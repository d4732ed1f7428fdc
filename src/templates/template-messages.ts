/**
 * Interlingua conversation → the `messages` (and `tools`) a Hugging Face chat template expects.
 * The shape is the one `transformers.apply_chat_template` documents
 * (https://huggingface.co/docs/transformers/main/en/chat_templating#tool-use--function-calling):
 * `{role, content}` with content a string; an assistant turn's calls as
 * `tool_calls: [{id, type: "function", function: {name, arguments}}]` with `arguments` an object
 * (templates run it through `tojson`); a tool result as `{role: "tool", tool_call_id, name, content}`.
 * Keys are only present when they have a value: templates test `'tool_calls' in message`
 * (Llama 3.x) or `message.tool_calls is defined` (Mistral), so an empty list would misfire.
 */
import type { AssistantPart, FilePart, ImagePart, TextPart, ToolResultPart } from '../interlingua/content.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import { parseToolArguments } from '../core/tool-arguments.js';
import { findToolCallName } from '../core/tool-history.js';
import { pushAll } from '../core/push-all.js';

export interface TemplateToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: Record<string, unknown> };
}

export type TemplateMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; tool_calls?: TemplateToolCall[]; reasoning_content?: string }
  | { role: 'tool'; content: string; tool_call_id: string; name?: string };

export interface TemplateTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** What the template source reads, so features it ignores are reported rather than silently dropped. */
export interface TemplateFeatures {
  tools: boolean;
  reasoningContent: boolean;
}

/** Which optional variables a template reads; a word test is enough to decide whether to pass them. */
export function templateFeatures(source: string): TemplateFeatures {
  return { tools: /\btools\b/.test(source), reasoningContent: /\breasoning_content\b/.test(source) };
}

export function templateMessages(request: ChatRequest, features: TemplateFeatures, warnings: Warning[]): TemplateMessage[] {
  const messages: TemplateMessage[] = [];
  if (request.system.length > 0) messages.push({ role: 'system', content: joinText(request.system) });
  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: joinText(message.content) });
        break;
      case 'user':
        messages.push({ role: 'user', content: joinText(textOnly(message.content, warnings)) });
        break;
      case 'assistant':
        messages.push(assistantMessage(message.content, features, warnings));
        break;
      case 'tool':
        for (const part of message.content) messages.push(toolMessage(part, request, warnings));
        break;
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return messages;
}

/**
 * OpenAI's tool shape, which is what HF templates print (`tool | tojson`). Key order is
 * name, description, parameters, as `transformers.utils.get_json_schema` writes it, because the
 * printed JSON is part of the prompt the model was trained on.
 */
export function templateTools(request: ChatRequest): TemplateTool[] {
  return (request.tools ?? []).map((tool): TemplateTool => {
    const fn: TemplateTool['function'] =
      tool.description === undefined
        ? { name: tool.name, parameters: tool.parameters }
        : { name: tool.name, description: tool.description, parameters: tool.parameters };
    return { type: 'function', function: fn };
  });
}

/**
 * `content` is always a string, `''` when the turn is only calls: templates concatenate it
 * (`'\n' + message.content`) or test it (`if message.content`), and both work on `''`.
 */
function assistantMessage(parts: readonly AssistantPart[], features: TemplateFeatures, warnings: Warning[]): TemplateMessage {
  const text: string[] = [];
  const reasoning: string[] = [];
  const calls: TemplateToolCall[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        text.push(part.text);
        break;
      case 'reasoning':
        if (part.text !== '') reasoning.push(part.text);
        break;
      case 'tool-call': {
        const parsed = parseToolArguments(part.arguments, part.name);
        pushAll(warnings, parsed.warnings);
        calls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: parsed.value } });
        break;
      }
      default: {
        const unhandled: never = part;
        throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
      }
    }
  }
  const message: Extract<TemplateMessage, { role: 'assistant' }> = { role: 'assistant', content: text.join('\n') };
  if (calls.length > 0) message.tool_calls = calls;
  if (reasoning.length > 0) {
    if (features.reasoningContent) message.reasoning_content = reasoning.join('\n');
    else {
      warnings.push({
        type: 'unsupported',
        feature: 'reasoning_history',
        message: 'The chat template does not read reasoning_content; reasoning in the assistant history was left out of the prompt.',
      });
    }
  }
  return message;
}

function toolMessage(part: ToolResultPart, request: ChatRequest, warnings: Warning[]): TemplateMessage {
  const message: Extract<TemplateMessage, { role: 'tool' }> = {
    role: 'tool',
    content: joinText(textOnly(part.content, warnings)),
    tool_call_id: part.toolCallId,
  };
  const name = part.toolName ?? findToolCallName(request.messages, part.toolCallId);
  if (name !== undefined) message.name = name;
  return message;
}

function textOnly(parts: ReadonlyArray<TextPart | ImagePart | FilePart>, warnings: Warning[]): TextPart[] {
  const texts: TextPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') texts.push(part);
    else {
      warnings.push({
        type: 'unsupported',
        feature: part.type,
        message: `A text prompt cannot carry ${part.type === 'image' ? 'images' : 'files'}; ${part.type === 'image' ? 'an image' : 'a file'} in the conversation was left out.`,
      });
    }
  }
  return texts;
}

/** Several text parts of one turn are separate paragraphs of it. */
export function joinText(parts: readonly TextPart[]): string {
  return parts.map((part) => part.text).join('\n');
}
