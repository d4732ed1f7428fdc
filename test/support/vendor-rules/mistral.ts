import { isRecord, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';
import { messageRules } from './openai-chat/messages.js';
import { toolRules } from './openai-chat/tools.js';

/**
 * Mistral's Chat Completions (`POST https://api.mistral.ai/v1/chat/completions`). Its path is
 * OpenAI's, so this judge is chosen by name (TestUpstream's `vendor: 'mistral'`), not by path.
 * Mistral validates bodies with pydantic models that forbid fields they do not declare: any other
 * field, at the top or in a message, is refused with 422 and `extra_forbidden`, as recorded in
 * github.com/editor-code-assistant/eca/issues/231 (`max_completion_tokens`):
 * `{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","max_completion_tokens"],
 * "msg":"Extra inputs are not permitted","input":32000}]},"type":"invalid_request_error","param":null,"code":null}`;
 * the same for `metadata` on an assistant message (github.com/BerriAI/litellm/issues/30882),
 * `reasoning_content` on one (github.com/charmbracelet/crush/issues/1590, litellm#30835) and `name`
 * on a user message (github.com/Gage-Technologies/mistral-go/pull/2, where `loc` names the role:
 * `["body","messages",0,"user","name"]`). The declared fields are those of Mistral's own SDK, generated
 * from its OpenAPI: `ChatCompletionRequest$Outbound`, `SystemMessage$Outbound`, `UserMessage$Outbound`,
 * `AssistantMessage$Outbound` and `ToolMessage$Outbound` in github.com/mistralai/client-ts
 * src/models/components/ (chatcompletionrequest.ts, systemmessage.ts, …) at b14b3b90.
 */

const bodyFields = new Set([
  'model',
  'temperature',
  'top_p',
  'max_tokens',
  'stream',
  'stop',
  'random_seed',
  'metadata',
  'messages',
  'response_format',
  'tools',
  'tool_choice',
  'presence_penalty',
  'frequency_penalty',
  'n',
  'prediction',
  'parallel_tool_calls',
  'reasoning_effort',
  'prompt_mode',
  'guardrails',
  'prompt_cache_key',
  'safe_prompt',
]);

const messageFields: Readonly<Record<string, ReadonlySet<string>>> = {
  system: new Set(['role', 'content']),
  user: new Set(['role', 'content']),
  assistant: new Set(['role', 'content', 'tool_calls', 'prefix']),
  tool: new Set(['role', 'content', 'tool_call_id', 'name']),
};

/** The first undeclared field, where pydantic reports it, and its value. */
interface Extra {
  loc: Array<string | number>;
  input: unknown;
}

interface MistralRule extends VendorRule {
  /** The same finding as `check`, for the error body's `detail`. */
  extra(request: JudgedRequest): Extra | undefined;
}

const sdkSource = 'github.com/mistralai/client-ts src/models/components/chatcompletionrequest.ts and the message models (declared fields); eca#231 (extra_forbidden)';

function bodyExtra({ body }: JudgedRequest): Extra | undefined {
  if (!isRecord(body)) return undefined;
  const field = Object.keys(body).find((key) => !bodyFields.has(key));
  return field === undefined ? undefined : { loc: ['body', field], input: body[field] };
}

function messageExtra({ body }: JudgedRequest): Extra | undefined {
  if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
  for (const [index, message] of body.messages.entries()) {
    if (!isRecord(message) || typeof message.role !== 'string') continue;
    const declared = messageFields[message.role];
    const field = declared === undefined ? undefined : Object.keys(message).find((key) => !declared.has(key));
    if (field !== undefined) return { loc: ['body', 'messages', index, message.role, field], input: message[field] };
  }
  return undefined;
}

const extraForbidden = (extra: Extra | undefined) => (extra === undefined ? undefined : `${extra.loc.join('.')}: Extra inputs are not permitted`);

/** Every tool call id of the history: the assistant's calls and the tool messages' answers. */
function toolCallIds(request: JudgedRequest): string[] {
  const messages = isRecord(request.body) && Array.isArray(request.body['messages']) ? request.body['messages'].filter(isRecord) : [];
  return messages.flatMap((message) => {
    const calls = Array.isArray(message['tool_calls']) ? message['tool_calls'].filter(isRecord).map((call) => call['id']) : [];
    return [...calls, ...(message['role'] === 'tool' ? [message['tool_call_id']] : [])].filter((id): id is string => typeof id === 'string');
  });
}

const toolCallIdRule = 'mistral.tool-call-id.format';
const messageOrderRule = 'mistral.messages.order';
const assistantContentRule = 'mistral.messages.assistant-content-or-calls';

/**
 * Around tool messages, the roles mistral-common's validator lets meet (`_validate_message_order` in
 * src/mistral_common/protocol/instruct/validator.py, whose words the API answers with): a tool message
 * follows an assistant or tool message, and only an assistant or tool message follows it. The same
 * validator refuses a system message after an assistant one, as the API does (judged below).
 */
const besideTool = ['assistant', 'tool'];

/** The body's messages that are objects. */
function messagesOf(request: JudgedRequest): Array<Record<string, unknown>> {
  return isRecord(request.body) && Array.isArray(request.body['messages']) ? request.body['messages'].filter(isRecord) : [];
}

const reasoningEffortRule = 'mistral.reasoning-effort.by-model';
const temperatureRule = 'mistral.temperature.range';
const topPRule = 'mistral.top_p.range';

/** Models that take reasoning_effort "none" or "high" only, and models that take none of it (src/catalog/model-rules-compatible.ts). */
const noneOrHighModels = /^(?:mistral-small(?:-latest|-2603)?|mistral-medium(?:-latest|-3|-3-5|-3\.5|-2604)?|magistral-small-latest)$/;
const effortRefusingModels = /^(?:mistral-large(?:-latest|-\d{4})?|mistral-medium-(?:2505|2508)|codestral(?:-latest|-\d{4})?|ministral-.+|magistral-medium(?:-latest|-\d{4})?)$/;

const mistralRules: Array<MistralRule | VendorRule> = [
  {
    id: reasoningEffortRule,
    // A real 400 (github.com/architects-toolkit/SmartHopper/issues/647, mistral-small): {"object":"error","message":
    // "reasoning_effort='medium' is not supported for this model. Must be one of (<ReasoningEffort.none: 'none'>,
    // <ReasoningEffort.high: 'high'>)","type":"invalid_request_invalid_args","param":null,"code":"3051","raw_status_code":400}.
    // Models without adjustable reasoning refuse the field, "not enabled for this model" (Mistral Large:
    // github.com/dust-tt/dust/pull/27613; magistral-medium-latest: github.com/withceleste/celeste-python/pull/311;
    // codestral-latest and mistral-large-latest: github.com/NousResearch/hermes-agent/issues/11243; Ministral:
    // github.com/tontinton/maki/pull/396); those words are put in the sentence code 3051 uses for Small 4's `prompt_mode`,
    // "Reasoning prompt mode is not enabled for this model" (github.com/earendil-works/pi/issues/3096).
    source: 'github.com/architects-toolkit/SmartHopper/issues/647; github.com/dust-tt/dust/pull/27613; github.com/withceleste/celeste-python/pull/311',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body['model'] !== 'string' || body['reasoning_effort'] === undefined) return undefined;
      const effort = body['reasoning_effort'];
      if (effortRefusingModels.test(body['model'])) return 'Reasoning effort is not enabled for this model';
      if (noneOrHighModels.test(body['model']) && effort !== 'none' && effort !== 'high') {
        return `reasoning_effort='${String(effort)}' is not supported for this model. Must be one of (<ReasoningEffort.none: 'none'>, <ReasoningEffort.high: 'high'>)`;
      }
      return undefined;
    },
  },
  {
    id: temperatureRule,
    // Probed live against api.mistral.ai on six models (github.com/mnfst/modelparams.dev/pull/234): temperature 1.5 is
    // served, 1.51 and 2 are refused with 422 `less_than_equal` `{le: 1.5}`; pydantic's words for it below.
    source: 'github.com/mnfst/modelparams.dev/pull/234 (temperature: 422 less_than_equal, le 1.5)',
    status: 422,
    check: ({ body }) => (isRecord(body) && typeof body['temperature'] === 'number' && body['temperature'] > 1.5 ? 'Input should be less than or equal to 1.5' : undefined),
  },
  {
    id: topPRule,
    // Probed live against api.mistral.ai (github.com/mnfst/modelparams.dev/pull/231, on all six models of /pull/234):
    // `top_p: 0` is refused with 422 `greater_than` `{gt: 0}`, 0.01 is served; pydantic's words for it below.
    source: 'github.com/mnfst/modelparams.dev/pull/231; github.com/mnfst/modelparams.dev/pull/234 (top_p: 422 greater_than, gt 0)',
    status: 422,
    check: ({ body }) => (isRecord(body) && typeof body['top_p'] === 'number' && body['top_p'] <= 0 ? 'Input should be greater than 0' : undefined),
  },
  {
    id: 'mistral.top_p.greedy',
    // A real 400 from Mistral Large and Codestral (github.com/devoxx/DevoxxGenieIDEAPlugin/issues/338): {"object":"error",
    // "message":"top_p must be 1 when using greedy sampling.","type":"invalid_request_error","param":null,"code":null},
    // for a temperature of 0 beside another top_p.
    source: 'github.com/devoxx/DevoxxGenieIDEAPlugin/issues/338 (recorded 400 body)',
    check: ({ body }) =>
      isRecord(body) && body['temperature'] === 0 && typeof body['top_p'] === 'number' && body['top_p'] !== 1 ? 'top_p must be 1 when using greedy sampling.' : undefined,
  },
  { id: 'mistral.body.extra-forbidden', source: sdkSource, status: 422, extra: bodyExtra, check: (request) => extraForbidden(bodyExtra(request)) },
  { id: 'mistral.messages.extra-forbidden', source: sdkSource, status: 422, extra: messageExtra, check: (request) => extraForbidden(messageExtra(request)) },
  {
    id: 'mistral.messages.last-role',
    // A real 400 (github.com/huggingface/smolagents/issues/757, github.com/NEKOparapa/AiNiee/issues/641):
    // {"object":"error","message":"Expected last role User or Tool (or Assistant with prefix True) for serving but got
    // assistant","type":"invalid_request_error","param":null,"code":null}; mistral-common's validator,
    // protocol/instruct/validator.py `_validate_last_message`.
    source: 'github.com/huggingface/smolagents/issues/757 (recorded 400 body); mistral-common validator',
    check: (request) => {
      const messages = isRecord(request.body) && Array.isArray(request.body['messages']) ? request.body['messages'] : [];
      const last: unknown = messages.at(-1);
      return isRecord(last) && last['role'] === 'assistant' && last['prefix'] !== true
        ? 'Expected last role User or Tool (or Assistant with prefix True) for serving but got assistant'
        : undefined;
    },
  },
  {
    id: messageOrderRule,
    // A real 400 (github.com/datapizza-labs/datapizza-ai/issues/98; github.com/zed-industries/zed/issues/37021):
    // {"object":"error","message":"Unexpected role 'user' after role 'tool'","type":"invalid_request_message_order",
    // "param":null,"code":"3230"}; "Unexpected role 'tool' after role 'user'" the same way (github.com/charmbracelet/crush/issues/279).
    source: 'github.com/datapizza-labs/datapizza-ai/issues/98 (recorded 400 body); zed-industries/zed#37021; mistral-common validator _validate_message_order',
    check: (request) => {
      let previous: string | undefined;
      for (const message of messagesOf(request)) {
        const role = message['role'];
        if (typeof role !== 'string') continue;
        const broken = previous !== undefined && (previous === 'tool' || role === 'tool') && !(besideTool.includes(previous) && besideTool.includes(role));
        if (broken) return `Unexpected role '${role}' after role '${String(previous)}'`;
        previous = role;
      }
      return undefined;
    },
  },
  {
    id: 'mistral.messages.system-after-assistant',
    // A real 400 (github.com/swarmauri/swarmauri-sdk/issues/162 and /276, a system message later in the conversation):
    // {"object":"error","message":"Unexpected role 'system' after role 'assistant'","type":"invalid_request_error","param":null,"code":null}.
    source: 'github.com/swarmauri/swarmauri-sdk/issues/162 (recorded 400 body)',
    check: (request) => {
      let previous: unknown;
      for (const message of messagesOf(request)) {
        if (message['role'] === 'system' && previous === 'assistant') return "Unexpected role 'system' after role 'assistant'";
        previous = message['role'];
      }
      return undefined;
    },
  },
  {
    id: assistantContentRule,
    // A real 400 (github.com/solbrowse/extension/issues/16): {"object":"error","message":"Assistant message must have either
    // content or tool_calls, but not none.","type":"invalid_request_error","param":null,"code":null}; for `"content": ""`
    // too, later with "type":"invalid_request_assistant_message","code":"3240" (github.com/zed-industries/zed/pull/47579,
    // github.com/metadist/synaplan/issues/1115). mistral-common's validator tests `bool(message.content)`, so `""` is none.
    source: 'github.com/solbrowse/extension/issues/16 (recorded 400 body); github.com/zed-industries/zed/pull/47579 (content "")',
    check: (request) => {
      for (const message of messagesOf(request)) {
        if (message['role'] !== 'assistant' || (Array.isArray(message['tool_calls']) && message['tool_calls'].length > 0)) continue;
        const content = message['content'];
        const none = content === undefined || content === null || content === '' || (Array.isArray(content) && content.length === 0);
        if (none) return 'Assistant message must have either content or tool_calls, but not none.';
      }
      return undefined;
    },
  },
  {
    id: toolCallIdRule,
    // A real 400 (github.com/nearai/ironclaw/issues/1241, 2026): {"object":"error","message":"Tool call id was turn1_0
    // but must be a-z, A-Z, 0-9, with a length of 9.","type":"invalid_function_call","param":null,"code":"3280",
    // "raw_status_code":400}; the same words in github.com/karthink/gptel/issues/1203 and jackmpcollins/magentic#276.
    source: 'github.com/nearai/ironclaw/issues/1241 (recorded 400 body); karthink/gptel#1203',
    check: (request) => {
      const bad = toolCallIds(request).find((id) => !/^[a-zA-Z0-9]{9}$/.test(id));
      return bad === undefined ? undefined : `Tool call id was ${bad} but must be a-z, A-Z, 0-9, with a length of 9.`;
    },
  },
];

export const mistralJudge: VendorJudge = {
  name: 'mistral',
  // Chosen by name: every request sent to a Mistral test upstream is Mistral's.
  judges: () => true,
  rules: [...mistralRules, ...messageRules, ...toolRules],
  errorBody: (_status, message, rule, request) => {
    const extra = (rule as Partial<MistralRule>).extra?.(request);
    if (rule.id === toolCallIdRule) return { object: 'error', message, type: 'invalid_function_call', param: null, code: '3280', raw_status_code: 400 };
    if (rule.id === messageOrderRule) return { object: 'error', message, type: 'invalid_request_message_order', param: null, code: '3230' };
    if (rule.id === reasoningEffortRule) return { object: 'error', message, type: 'invalid_request_invalid_args', param: null, code: '3051', raw_status_code: 400 };
    if (rule.id === temperatureRule) {
      const input = isRecord(request.body) ? request.body['temperature'] : undefined;
      return { object: 'error', message: { detail: [{ type: 'less_than_equal', loc: ['body', 'temperature'], msg: message, input, ctx: { le: 1.5 } }] }, type: 'invalid_request_error', param: null, code: null };
    }
    if (rule.id === topPRule) {
      const input = isRecord(request.body) ? request.body['top_p'] : undefined;
      return { object: 'error', message: { detail: [{ type: 'greater_than', loc: ['body', 'top_p'], msg: message, input, ctx: { gt: 0 } }] }, type: 'invalid_request_error', param: null, code: null };
    }
    if (rule.id === assistantContentRule) return { object: 'error', message, type: 'invalid_request_assistant_message', param: null, code: '3240' };
    if (extra === undefined) return { object: 'error', message, type: 'invalid_request_error', param: null, code: null };
    return { object: 'error', message: { detail: [{ type: 'extra_forbidden', loc: extra.loc, msg: 'Extra inputs are not permitted', input: extra.input }] }, type: 'invalid_request_error', param: null, code: null };
  },
};
