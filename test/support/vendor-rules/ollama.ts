import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';
import { decodeError } from './ollama/go-json.js';
import { chatRequest, generateRequest, optionTypes } from './ollama/requests.js';

/**
 * Ollama `POST /api/chat` and `/api/generate`. Error body as recorded in
 * test/fixtures/recorded/ollama/error-body.json: `{"error":"…"}`. The rules follow the server's
 * own checks (https://github.com/ollama/ollama, server/routes.go ChatHandler / GenerateHandler and
 * the api/types.go decoders, at fb30760996871fa9460115c753afd2c60d4ab0f7) and docs/api.md.
 */

const isChat = (request: JudgedRequest) => /\/api\/chat$/.test(pathOf(request));

const bodyOf = (request: JudgedRequest): Record<string, unknown> | undefined => (isRecord(request.body) ? request.body : undefined);

const roles = new Set(['system', 'user', 'assistant', 'tool']);

const thinkLevels = new Set(['high', 'medium', 'low', 'max']);

/** Go's %q of the raw `format` bytes, as in "invalid format: %q". */
function goQuoted(raw: string): string {
  return JSON.stringify(raw);
}

const rules: VendorRule[] = [
  {
    id: 'ollama.body.decode',
    // ChatHandler/GenerateHandler: `c.ShouldBindJSON(&req)`; a decoding error is answered 400
    // with err.Error() (server/routes.go). Types: api/types.go ChatRequest, GenerateRequest, Message.
    source: 'github.com/ollama/ollama server/routes.go (ShouldBindJSON → 400 err.Error()) and api/types.go (request structs)',
    check: (request) => {
      const body = request.body;
      const type = isChat(request) ? chatRequest : generateRequest;
      if (!isRecord(body)) return `json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type ${type.name}`;
      return decodeError(body, type, type.name.replace(/^api\./, ''), '');
    },
  },
  {
    id: 'ollama.think.value',
    // api/types.go ThinkValue.UnmarshalJSON: a boolean, or one of "high", "medium", "low", "max";
    // docs/api.md: "Can be a boolean or a thinking level ("low", "medium", "high", or "max")".
    source: 'github.com/ollama/ollama api/types.go (ThinkValue.UnmarshalJSON) and docs/api.md (think)',
    check: (request) => {
      const think = bodyOf(request)?.['think'];
      if (think === undefined || think === null || typeof think === 'boolean') return undefined;
      if (typeof think === 'string') return thinkLevels.has(think) ? undefined : `invalid think value: ${JSON.stringify(think)} (must be "high", "medium", "low", "max", true, or false)`;
      return 'think must be a boolean or string ("high", "medium", "low", "max", true, or false)';
    },
  },
  {
    id: 'ollama.keep-alive.value',
    // api/types.go Duration.UnmarshalJSON: a number of seconds or a Go duration string, read by Go's
    // time.ParseDuration: one optional sign at the start, then number-unit pairs ("-1s2m", not "1s-2m"), or "0".
    source: "github.com/ollama/ollama api/types.go (Duration.UnmarshalJSON: float64 or string, else \"Unsupported type: '%s'\"); Go time.ParseDuration",
    check: (request) => {
      const keepAlive = bodyOf(request)?.['keep_alive'];
      if (keepAlive === undefined || keepAlive === null || typeof keepAlive === 'number') return undefined;
      if (typeof keepAlive === 'string') return /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[+-]?0$/.test(keepAlive) ? undefined : `time: invalid duration ${JSON.stringify(keepAlive)}`;
      return `Unsupported type: '${Array.isArray(keepAlive) ? '[]interface {}' : typeof keepAlive === 'boolean' ? 'bool' : 'map[string]interface {}'}'`;
    },
  },
  {
    id: 'ollama.model.required',
    // https://github.com/ollama/ollama/blob/main/docs/api.md: "model: (required) the model name";
    // server/routes.go answers 400 "model is required".
    source: 'github.com/ollama/ollama docs/api.md (model: required); server/routes.go ("model is required")',
    check: (request) => {
      const model = bodyOf(request)?.['model'];
      return typeof model !== 'string' || model === '' ? 'model is required' : undefined;
    },
  },
  {
    id: 'ollama.top-logprobs.range',
    // server/routes.go: `if req.TopLogprobs < 0 || req.TopLogprobs > 20` → 400.
    source: 'github.com/ollama/ollama server/routes.go ("top_logprobs must be between 0 and 20")',
    check: (request) => {
      const top = bodyOf(request)?.['top_logprobs'];
      return typeof top === 'number' && (top < 0 || top > 20) ? 'top_logprobs must be between 0 and 20' : undefined;
    },
  },
  {
    id: 'ollama.messages.role',
    // docs/api.md: "role: the role of the message, either system, user, assistant, or tool" (the
    // server lowercases it, api/types.go Message.UnmarshalJSON). The server does not refuse another
    // role, but model templates render only these, so such a message silently leaves the prompt:
    // a test upstream treats it as refused so the gateway cannot lose a turn unnoticed.
    source: 'github.com/ollama/ollama docs/api.md (role "either system, user, assistant, or tool")',
    check: (request) => {
      if (!isChat(request)) return undefined;
      const messages = bodyOf(request)?.['messages'];
      if (!Array.isArray(messages)) return undefined;
      const bad = messages.find((message) => isRecord(message) && !roles.has(String(message['role'] ?? '').toLowerCase()));
      return bad === undefined ? undefined : `invalid message role ${JSON.stringify(isRecord(bad) ? bad['role'] : undefined)}: must be system, user, assistant, or tool`;
    },
  },
  {
    id: 'ollama.options.types',
    // api/types.go Options.FromMap: "option %q must be of type integer" (…boolean, float32, array,
    // "of an array of strings"); the error leaves scheduleRunner and handleScheduleError answers 500.
    source: 'github.com/ollama/ollama api/types.go (Options.FromMap) and server/routes.go (handleScheduleError → 500)',
    status: 500,
    check: (request) => {
      const options = bodyOf(request)?.['options'];
      if (!isRecord(options)) return undefined;
      for (const [key, value] of Object.entries(options)) {
        const type = optionTypes[key];
        if (type === undefined || value === null) continue;
        switch (type) {
          case 'integer':
          case 'float32':
            if (typeof value !== 'number') return `option ${JSON.stringify(key)} must be of type ${type}`;
            break;
          case 'boolean':
            if (typeof value !== 'boolean') return `option ${JSON.stringify(key)} must be of type boolean`;
            break;
          case 'array of strings':
            if (!Array.isArray(value)) return `option ${JSON.stringify(key)} must be of type array`;
            if (value.some((item) => typeof item !== 'string')) return `option ${JSON.stringify(key)} must be of an array of strings`;
            break;
          default: {
            const unhandled: never = type;
            throw new Error(`unhandled option type ${String(unhandled)}`);
          }
        }
      }
      return undefined;
    },
  },
  {
    id: 'ollama.format.value',
    // docs/api.md: "format: … Format can be json or a JSON schema." llm/llama_server.go: anything
    // else is "invalid format: %q; expected \"json\" or a valid JSON Schema object", which the
    // handler answers without a status, so 500.
    source: 'github.com/ollama/ollama docs/api.md (format "json or a JSON schema") and llm/llama_server.go (invalid format)',
    status: 500,
    check: (request) => {
      const format = bodyOf(request)?.['format'];
      if (format === undefined || format === null || format === '' || format === 'json' || isRecord(format)) return undefined;
      return `invalid format: ${goQuoted(JSON.stringify(format))}; expected "json" or a valid JSON Schema object`;
    },
  },
];

export const ollamaJudge: VendorJudge = {
  name: 'ollama',
  judges: (request: JudgedRequest) => request.method === 'POST' && /\/api\/(chat|generate)$/.test(pathOf(request)),
  rules,
  errorBody: (_status, message) => ({ error: message }),
};
