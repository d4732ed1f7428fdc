import { isRecord } from '../rule.js';
import { quotedList, typeWord, type OpenAIRule } from '../openai-family/openai-rule.js';

/**
 * Chat Completions rules on `messages`: presence, roles, content shapes per role, and the pairing
 * of assistant `tool_calls` with `tool` messages.
 */

const chatCreate = 'platform.openai.com/docs/api-reference/chat/create';

/** The roles of the message types the API reference lists (developer, system, user, assistant, tool, function). */
const roles = ['system', 'assistant', 'user', 'function', 'tool', 'developer'] as const;

/**
 * The content part types each role takes, from the request types of the official SDK, generated
 * from OpenAI's OpenAPI spec (openai-node resources/chat/completions: ChatCompletionSystemMessageParam
 * and ChatCompletionDeveloperMessageParam "content: string | Array<ChatCompletionContentPartText>";
 * ChatCompletionUserMessageParam "Array<ChatCompletionContentPart>" = text | image_url | input_audio | file;
 * ChatCompletionAssistantMessageParam "Array<ChatCompletionContentPartText | ChatCompletionContentPartRefusal>";
 * ChatCompletionToolMessageParam "Array<ChatCompletionContentPartText>").
 */
const partTypesByRole: Record<string, readonly string[]> = {
  system: ['text'],
  developer: ['text'],
  user: ['text', 'image_url', 'input_audio', 'file'],
  assistant: ['text', 'refusal'],
  tool: ['text'],
};

function messagesOf(body: unknown): unknown[] {
  return isRecord(body) && Array.isArray(body.messages) ? body.messages : [];
}

function toolCallIds(message: unknown): string[] {
  if (!isRecord(message) || message.role !== 'assistant' || !Array.isArray(message.tool_calls)) return [];
  return message.tool_calls.flatMap((call) => (isRecord(call) && typeof call.id === 'string' ? [call.id] : []));
}

export const messageRules: OpenAIRule[] = [
  {
    id: 'openai-chat.messages.required',
    // platform.openai.com/docs/api-reference/chat/create: "messages array Required".
    source: `${chatCreate} (messages: required)`,
    param: 'messages',
    code: 'empty_array',
    check: ({ body }) =>
      isRecord(body) && (!Array.isArray(body.messages) || body.messages.length === 0)
        ? "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead."
        : undefined,
  },
  {
    id: 'openai-chat.messages.role',
    // The API reference lists the message types developer, system, user, assistant, tool and function;
    // wording of OpenAI's invalid_value messages ("Invalid value: … Supported values are: …").
    source: `${chatCreate} (messages: developer, system, user, assistant, tool, function message)`,
    code: 'invalid_value',
    check: ({ body }) => {
      for (const message of messagesOf(body)) {
        const role = isRecord(message) ? message.role : undefined;
        if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) {
          return `Invalid value: '${String(role)}'. Supported values are: ${quotedList(roles)}.`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.messages.content-type',
    // A real 400 (github.com/pydantic/pydantic-ai/issues/2653): "Invalid type for 'messages[1].content':
    // expected one of a string or array of objects, but got an object instead." (code invalid_type).
    source: 'github.com/pydantic/pydantic-ai/issues/2653 (recorded 400 invalid_type on messages[].content)',
    code: 'invalid_type',
    check: ({ body }) => {
      for (const [index, message] of messagesOf(body).entries()) {
        if (!isRecord(message)) continue;
        const content = message.content;
        const absentAllowed = message.role === 'assistant' || message.role === 'function';
        if (content === undefined || content === null) {
          if (!absentAllowed) return `Missing required parameter: 'messages[${index}].content'.`;
          continue;
        }
        if (typeof content !== 'string' && !Array.isArray(content)) {
          return `Invalid type for 'messages[${index}].content': expected one of a string or array of objects, but got ${typeWord(content)} instead.`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.messages.assistant-content-or-calls',
    // "content: Required unless tool_calls or function_call is specified" (API reference, quoted in
    // github.com/vercel/ai/pull/14950); a real 400 (github.com/run-llama/llama_index/pull/17921):
    // {"message": "Invalid value for 'content': expected a string, got null.", "param": "messages.[24].content"}.
    source: 'github.com/vercel/ai/pull/14950; github.com/run-llama/llama_index/pull/17921 (recorded 400 body)',
    check: ({ body }) => {
      for (const [index, message] of messagesOf(body).entries()) {
        if (!isRecord(message) || message.role !== 'assistant' || (message.content !== undefined && message.content !== null)) continue;
        const calls = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
        if (!calls && message.function_call == null) return "Invalid value for 'content': expected a string, got null.";
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.messages.image-only-for-user',
    // A real 400 (github.com/openai/openai-node/issues/1030): "Invalid 'messages[2]'. Image URLs are only
    // allowed for messages with role 'user', but this message with role 'assistant' contains an image URL."
    source: 'github.com/openai/openai-node/issues/1030 (image_url only in user messages)',
    check: ({ body }) => {
      for (const [index, message] of messagesOf(body).entries()) {
        if (!isRecord(message) || message.role === 'user' || !Array.isArray(message.content)) continue;
        if (message.content.some((part) => isRecord(part) && part.type === 'image_url')) {
          return `Invalid 'messages[${index}]'. Image URLs are only allowed for messages with role 'user', but this message with role '${String(message.role)}' contains an image URL.`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.messages.part-types-per-role',
    // openai-node resources/chat/completions (generated from OpenAI's OpenAPI spec): assistant content
    // parts are text or refusal; system, developer and tool parts are text; user parts are text,
    // image_url, input_audio or file.
    source: 'openai-node resources/chat/completions.d.ts (content part types per message param)',
    code: 'invalid_value',
    check: ({ body }) => {
      for (const message of messagesOf(body)) {
        if (!isRecord(message) || typeof message.role !== 'string' || !Array.isArray(message.content)) continue;
        const allowed = partTypesByRole[message.role];
        if (allowed === undefined) continue;
        for (const part of message.content) {
          const type = isRecord(part) ? part.type : undefined;
          if (type === 'image_url' && message.role !== 'user') continue; // worded by the rule above
          if (typeof type !== 'string' || !allowed.includes(type)) return `Invalid value: '${String(type)}'. Supported values are: ${quotedList(allowed)}.`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.messages.tool-follows-tool-calls',
    // Real 400s: "Invalid parameter: messages with role 'tool' must be a response to a preceeding message
    // with 'tool_calls'." (param messages.[3].role; github.com/miurla/morphic/issues/136), and
    // "Invalid parameter: 'tool_call_id' of 'call_XXX' not found in 'tool_calls' of previous message."
    source: 'github.com/miurla/morphic/issues/136; github.com/smarter-sh/smarter/issues/264 (tool message without preceding tool_calls)',
    check: ({ body }) => {
      let answerable: Set<string> | undefined;
      for (const message of messagesOf(body)) {
        if (!isRecord(message)) continue;
        if (message.role === 'tool') {
          if (answerable === undefined) return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
          if (!answerable.has(String(message.tool_call_id))) return `Invalid parameter: 'tool_call_id' of '${String(message.tool_call_id)}' not found in 'tool_calls' of previous message.`;
          continue;
        }
        const ids = toolCallIds(message);
        answerable = ids.length > 0 ? new Set(ids) : undefined;
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.messages.tool-call-id-length',
    // "Invalid 'messages[68].tool_calls[0].id': string too long. Expected a string with maximum length 40, but got a string
    // with length 46 instead." (code string_above_max_length): a vLLM id in a history moved to OpenAI
    // (github.com/anomalyco/opencode/issues/12653), `call_` + a UUID (github.com/microsoft/autogen/issues/6377), a
    // gateway's own 44-character id to Azure OpenAI (github.com/Portkey-AI/gateway/issues/1062).
    source: 'github.com/anomalyco/opencode/issues/12653; github.com/microsoft/autogen/issues/6377',
    code: 'string_above_max_length',
    check: ({ body }) => {
      for (const [index, message] of messagesOf(body).entries()) {
        for (const [position, id] of toolCallIds(message).entries()) {
          if (id.length > 40) {
            return `Invalid 'messages[${index}].tool_calls[${position}].id': string too long. Expected a string with maximum length 40, but got a string with length ${id.length} instead.`;
          }
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.messages.tool-calls-answered',
    // A real 400 (github.com/router-for-me/CLIProxyAPI/issues/2798, param messages.[6].role): "An assistant
    // message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'.
    // The following tool_call_ids did not have response messages: call_RTlWVuE5MqEb3WZJgTIl7Rsb".
    source: 'github.com/router-for-me/CLIProxyAPI/issues/2798; github.com/BerriAI/litellm/issues/10083 (unanswered tool_call_ids)',
    check: ({ body }) => {
      const messages = messagesOf(body);
      for (const [index, message] of messages.entries()) {
        const ids = toolCallIds(message);
        if (ids.length === 0) continue;
        const answered = new Set<string>();
        for (let at = index + 1; at < messages.length; at++) {
          const next = messages[at];
          if (!isRecord(next) || next.role !== 'tool') break;
          answered.add(String(next.tool_call_id));
        }
        const missing = ids.filter((id) => !answered.has(id));
        if (missing.length > 0) {
          return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`;
        }
      }
      return undefined;
    },
  },
];
