import { isRecord } from '../rule.js';
import { quotedList, typeWord, type OpenAIRule } from '../openai-family/openai-rule.js';

/**
 * Responses rules on `input`: item shapes, message content per role, function call/output pairing
 * and replayed reasoning items.
 */

const responsesCreate = 'platform.openai.com/docs/api-reference/responses/create';

/** openai-node resources/responses EasyInputMessage / ResponseInputItem.Message: "role: 'user' | 'assistant' | 'system' | 'developer'". */
const messageRoles = ['user', 'assistant', 'system', 'developer'] as const;
/** openai-node ResponseInputContent: input_text | input_image | input_file. */
const inputPartTypes = ['input_text', 'input_image', 'input_file'] as const;
/** What an assistant message replays (the real 400 below lists exactly these). */
const outputPartTypes = ['output_text', 'refusal'] as const;

/** The item types of openai-node resources/responses `ResponseInputItem` (generated from OpenAI's OpenAPI spec). */
const inputItemTypes = [
  'message',
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'web_search_call',
  'function_call',
  'function_call_output',
  'tool_search_call',
  'tool_search_output',
  'additional_tools',
  'reasoning',
  'compaction',
  'compaction_trigger',
  'image_generation_call',
  'code_interpreter_call',
  'local_shell_call',
  'local_shell_call_output',
  'shell_call',
  'shell_call_output',
  'apply_patch_call',
  'apply_patch_call_output',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'custom_tool_call',
  'custom_tool_call_output',
  'item_reference',
  'program',
  'program_output',
] as const;

/** Items a model produced, which may follow a replayed reasoning item (openai-node ResponseOutputItem). */
const producedItemTypes = new Set(['message', 'function_call', 'custom_tool_call', 'web_search_call', 'file_search_call', 'computer_call', 'code_interpreter_call', 'image_generation_call', 'local_shell_call', 'shell_call', 'apply_patch_call', 'mcp_call', 'mcp_list_tools', 'mcp_approval_request', 'tool_search_call', 'item_reference']);

function itemsOf(body: unknown): unknown[] {
  return isRecord(body) && Array.isArray(body.input) ? body.input : [];
}

/** An item's type; an EasyInputMessage may leave `type` out. */
function itemType(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  if (typeof item.type === 'string') return item.type;
  return typeof item.role === 'string' ? 'message' : undefined;
}

/** Whether earlier turns live on the server (previous_response_id or a conversation), so calls may be there. */
function continuesStoredState(body: unknown): boolean {
  return isRecord(body) && ((typeof body.previous_response_id === 'string' && body.previous_response_id !== '') || body.conversation !== undefined);
}

/** Every `input_file` part of the input: in message content and in a function_call_output's output list. */
function inputFiles(body: unknown): Array<Record<string, unknown>> {
  const files: Array<Record<string, unknown>> = [];
  for (const item of itemsOf(body)) {
    if (!isRecord(item)) continue;
    const parts = itemType(item) === 'message' ? item.content : itemType(item) === 'function_call_output' ? item.output : undefined;
    if (!Array.isArray(parts)) continue;
    for (const part of parts) if (isRecord(part) && part.type === 'input_file') files.push(part);
  }
  return files;
}

/** The media type of a `data:` URL (`data:audio/wav;base64,…` → `audio/wav`), lower-cased. */
function dataUrlType(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('data:')) return undefined;
  return value.slice(5).split(/[;,]/)[0]?.toLowerCase();
}

export const inputRules: OpenAIRule[] = [
  {
    id: 'openai-responses.input.type',
    // responses/create: "input string or array"; a real 400 on a wrong type: "Invalid type for
    // 'messages[1].content': expected one of a string or array of objects, but got an object instead."
    // (github.com/pydantic/pydantic-ai/issues/2653) is the wording OpenAI uses for such unions.
    source: `${responsesCreate} (input: string or array)`,
    param: 'input',
    code: 'invalid_type',
    check: ({ body }) =>
      isRecord(body) && body.input !== undefined && typeof body.input !== 'string' && !Array.isArray(body.input)
        ? `Invalid type for 'input': expected one of a string or array of objects, but got ${typeWord(body.input)} instead.`
        : undefined,
  },
  {
    id: 'openai-responses.input.item-type',
    // openai-node resources/responses.d.ts `export type ResponseInputItem = EasyInputMessage | …`: the
    // items `input` takes. An item without `type` is a message when it has a role (EasyInputMessage),
    // or an item reference when it has only an id (ResponseInputItem.ItemReference, "type?: 'item_reference' | null").
    source: 'openai-node resources/responses.d.ts (ResponseInputItem union)',
    code: 'invalid_value',
    check: ({ body }) => {
      for (const item of itemsOf(body)) {
        if (isRecord(item) && item.type === undefined && typeof item.role !== 'string' && typeof item.id === 'string') continue;
        const type = itemType(item);
        if (!(inputItemTypes as readonly unknown[]).includes(type)) return `Invalid value: '${String(type)}'. Supported values are: ${quotedList(inputItemTypes)}.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.message-role',
    // openai-node EasyInputMessage.role: 'user' | 'assistant' | 'system' | 'developer'.
    source: 'openai-node resources/responses EasyInputMessage.role',
    code: 'invalid_value',
    check: ({ body }) => {
      for (const item of itemsOf(body)) {
        if (itemType(item) !== 'message' || !isRecord(item)) continue;
        if (!(messageRoles as readonly unknown[]).includes(item.role)) return `Invalid value: '${String(item.role)}'. Supported values are: ${quotedList(messageRoles)}.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.message-part-types',
    // A real 400 (param input.0.content.0.type, code invalid_value, quoted in several public repos, e.g. a
    // test table of a Go relay): "Invalid value: 'input_text'. Supported values are: 'output_text' and
    // 'refusal'." Input messages take input_text, input_image, input_file (openai-node ResponseInputContent).
    source: "real 400 \"Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.\"; openai-node ResponseInputContent",
    code: 'invalid_value',
    check: ({ body }) => {
      for (const item of itemsOf(body)) {
        if (itemType(item) !== 'message' || !isRecord(item) || !Array.isArray(item.content)) continue;
        const allowed: readonly string[] = item.role === 'assistant' ? outputPartTypes : inputPartTypes;
        for (const part of item.content) {
          const type = isRecord(part) ? part.type : undefined;
          if (typeof type !== 'string' || !allowed.includes(type)) return `Invalid value: '${String(type)}'. Supported values are: ${quotedList(allowed)}.`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.file-type',
    // input_file takes documents: PDF, text and code, rich documents, presentations, spreadsheets
    // ("Accepted file types", https://developers.openai.com/api/docs/guides/file-inputs); images go as
    // input_image, and the input has no audio part (openai-node ResponseInputContent is input_text |
    // input_image | input_file). Another type is refused: "Invalid input: Expected context stuffing file
    // type to be a supported format: .pdf but got .txt." (a real 400 quoted in
    // https://community.openai.com/t/file-input-in-chat-responses-api/1365525; later wordings list more types).
    source: 'developers.openai.com/api/docs/guides/file-inputs (accepted file types); community.openai.com/t/file-input-in-chat-responses-api/1365525 (the 400)',
    param: 'input',
    check: ({ body }) => {
      for (const file of inputFiles(body)) {
        const type = dataUrlType(file.file_data);
        if (type !== undefined && ['audio/', 'video/', 'image/'].some((prefix) => type.startsWith(prefix))) {
          return `Invalid input: Expected context stuffing file type to be a supported format but got ${type}.`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.function-call-output-answers-a-call',
    // A real 400 (github.com/microsoft/vscode/issues/320060, param input): "No tool call found for function
    // call output with call_id call_TnakLSVsqtVt5cJssAhRwMoe." Without previous_response_id the call must
    // be in the same input (platform.openai.com/docs/guides/function-calling).
    source: 'github.com/microsoft/vscode/issues/320060; github.com/continuedev/continue/issues/10092 (output without its call)',
    param: 'input',
    check: ({ body }) => {
      if (continuesStoredState(body)) return undefined;
      const calls = new Set<string>();
      for (const item of itemsOf(body)) {
        if (!isRecord(item)) continue;
        const type = itemType(item);
        if ((type === 'function_call' || type === 'custom_tool_call') && typeof item.call_id === 'string') calls.add(item.call_id);
        if ((type === 'function_call_output' || type === 'custom_tool_call_output') && !calls.has(String(item.call_id))) {
          return `No tool call found for function call output with call_id ${String(item.call_id)}.`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.call-id-length',
    // "Invalid 'input[180].call_id': string too long. Expected a string with maximum length 64, but got a string with
    // length 67 instead." (code string_above_max_length: github.com/openclaw/openclaw/issues/10640,
    // github.com/AnswerDotAI/fastllm/issues/45), on a call and on its output alike.
    source: 'github.com/openclaw/openclaw/issues/10640; github.com/AnswerDotAI/fastllm/issues/45',
    code: 'string_above_max_length',
    check: ({ body }) => {
      for (const [index, item] of itemsOf(body).entries()) {
        const callId = isRecord(item) ? item.call_id : undefined;
        if (typeof callId === 'string' && callId.length > 64) {
          return `Invalid 'input[${index}].call_id': string too long. Expected a string with maximum length 64, but got a string with length ${callId.length} instead.`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.function-call-answered',
    // The Responses API's 400 for a call left without its output: "No tool output found for function
    // call call_Zyy2Z9PgYUZUZ01B7iKppSkS." (quoted from the real API in public code, and in
    // github.com/github/copilot-cli/issues/4572: "400 No tool output found for function call").
    source: 'github.com/github/copilot-cli/issues/4572 (a function_call in input needs its function_call_output)',
    param: 'input',
    check: ({ body }) => {
      const items = itemsOf(body);
      const answered = new Set(items.flatMap((item) => (isRecord(item) && itemType(item) === 'function_call_output' ? [String(item.call_id)] : [])));
      for (const item of items) {
        if (isRecord(item) && itemType(item) === 'function_call' && !answered.has(String(item.call_id))) return `No tool output found for function call ${String(item.call_id)}.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.reasoning-followed-by-its-item',
    // Real 400s (github.com/continuedev/continue/issues/8933, param input): "Item 'rs_…' of type 'reasoning'
    // was provided without its required following item." A reasoning item replays only together with the
    // output item the model produced after it (github.com/openai/openai-agents-js/issues/326).
    source: 'github.com/continuedev/continue/issues/8933; github.com/vercel/ai/issues/7099 (reasoning item without its following item)',
    param: 'input',
    check: ({ body }) => {
      const items = itemsOf(body);
      for (const [index, item] of items.entries()) {
        if (itemType(item) !== 'reasoning' || !isRecord(item)) continue;
        const next = items[index + 1];
        const nextType = itemType(next);
        const producedNext = nextType !== undefined && producedItemTypes.has(nextType) && !(nextType === 'message' && isRecord(next) && next.role !== 'assistant');
        if (!producedNext) return `Item '${String(item.id)}' of type 'reasoning' was provided without its required following item.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.reasoning-summary',
    // openai-node ResponseReasoningItem: "id: string", "summary: Array<Summary>" (both required), "type: 'reasoning'".
    source: 'openai-node resources/responses ResponseReasoningItem (summary required)',
    code: 'missing_required_parameter',
    check: ({ body }) => {
      for (const [index, item] of itemsOf(body).entries()) {
        if (itemType(item) === 'reasoning' && isRecord(item) && !Array.isArray(item.summary)) return `Missing required parameter: 'input[${index}].summary'.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.input.unstored-item-reference',
    // A real 404 (github.com/can1357/oh-my-pi/issues/41): "Item with id 'rs_…' not found. Items are not
    // persisted when `store` is set to false. Try again with `store` set to true, or remove this item from
    // your input." With store false, a reasoning item must carry its encrypted_content
    // (include "reasoning.encrypted_content", responses/create) or the server looks its id up.
    source: 'github.com/can1357/oh-my-pi/issues/41; github.com/vercel/ai/pull/9412 (store:false needs encrypted_content)',
    status: 404,
    param: 'input',
    check: ({ body }) => {
      if (!isRecord(body) || body.store !== false) return undefined;
      for (const item of itemsOf(body)) {
        if (!isRecord(item)) continue;
        const type = itemType(item);
        const unresolved = (type === 'reasoning' && typeof item.id === 'string' && typeof item.encrypted_content !== 'string') || type === 'item_reference';
        if (unresolved) {
          return `Item with id '${String(item.id)}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`;
        }
      }
      return undefined;
    },
  },
];
