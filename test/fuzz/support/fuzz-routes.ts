/**
 * Every route a caller can reach over HTTP (src/gateway/routes.ts, src/gateway/server.ts, the
 * admin API, the console and a OneBot webhook), each with the error shape its callers expect, a
 * valid body the fuzz cases start from, and where a route keeps the fields the targeted cases
 * spoil (an image, a token limit, a tool schema).
 */

/**
 * Whose error body a route answers with (README, "Errors"); OneBot webhooks answer a bare status,
 * and the console's pages (read by a browser) plain text.
 */
export type ErrorShape = 'openai' | 'anthropic' | 'gemini' | 'ollama' | 'onebot' | 'page';

type Json = Record<string, unknown>;

export interface FuzzRoute {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** `{model}` stands for the model name, URL-encoded (Gemini names it in the path). */
  path: string;
  shape: ErrorShape;
  headers?: Record<string, string>;
  /** A body the route accepts and answers; absent for routes that take none. */
  seed?: (model: string) => Json;
  /** The seed with an image whose base64 `data` is the given text. */
  withImage?: (model: string, data: string) => Json;
  /** The seed with a token limit (or size) set to the given number. */
  withLimit?: (model: string, value: number) => Json;
  /** The seed with a tool declared, called and answered: the caller-named keys and values a conversation holds. */
  withTools?: (model: string) => Json;
  /** The seed with a tool schema that is the marker string, replaced by deep JSON text when sent. */
  withSchema?: (model: string, marker: string) => Json;
  /** A repeated field may be sent as one object (Gemini, see `oneOrMany` in its wire schema). */
  arraysTakeOneObject?: boolean;
  /** The route has a body limit of its own rather than `server.maxBodyBytes`. */
  ownBodyLimit?: boolean;
  /** Fields (dotted paths) that take an array of token ids as well as text, so a list of numbers is no wrong type there. */
  tokenArrayFields?: string[];
}

/** The model alias the fuzz gateway serves, and the admin key it is given. */
export const fuzzModel = 'fuzz';
export const fuzzAdminKey = 'fuzz-admin-key-0123456789';
export const onebotWebhookPath = '/onebot/webhook';
export const onebotReverseWsPath = '/onebot/ws';

const user = (content: unknown) => [{ role: 'user', content }];
/** A function tool's JSON Schema, as every dialect takes it. */
const weatherSchema = { type: 'object', properties: { city: { type: 'string', description: 'The city.' } }, required: ['city'] };

// OpenAI Chat Completions: https://platform.openai.com/docs/api-reference/chat/create
// (image parts as data URLs: https://platform.openai.com/docs/guides/images-vision).
const openaiChat: FuzzRoute = {
  name: 'POST /v1/chat/completions',
  method: 'POST',
  path: '/v1/chat/completions',
  shape: 'openai',
  seed: (model) => ({ model, messages: user('Say hi.') }),
  withImage: (model, data) => ({ model, messages: user([{ type: 'text', text: 'What is it?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${data}` } }]) }),
  withLimit: (model, value) => ({ model, messages: user('Say hi.'), max_completion_tokens: value }),
  withSchema: (model, marker) => ({ model, messages: user('Say hi.'), tools: [{ type: 'function', function: { name: 'f', parameters: marker } }] }),
  withTools: (model) => ({
    model,
    tools: [{ type: 'function', function: { name: 'weather', description: 'Weather of a city.', parameters: weatherSchema } }],
    tool_choice: 'auto',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
    ],
  }),
};

// OpenAI Completions: https://platform.openai.com/docs/api-reference/completions/create
const openaiCompletions: FuzzRoute = {
  name: 'POST /v1/completions',
  method: 'POST',
  path: '/v1/completions',
  shape: 'openai',
  seed: (model) => ({ model, prompt: 'Say hi.' }),
  withLimit: (model, value) => ({ model, prompt: 'Say hi.', max_tokens: value }),
};

// OpenAI Responses: https://platform.openai.com/docs/api-reference/responses/create
const openaiResponses: FuzzRoute = {
  name: 'POST /v1/responses',
  method: 'POST',
  path: '/v1/responses',
  shape: 'openai',
  seed: (model) => ({ model, input: 'Say hi.' }),
  withImage: (model, data) => ({ model, input: [{ role: 'user', content: [{ type: 'input_image', image_url: `data:image/png;base64,${data}` }] }] }),
  withLimit: (model, value) => ({ model, input: 'Say hi.', max_output_tokens: value }),
  withSchema: (model, marker) => ({ model, input: 'Say hi.', tools: [{ type: 'function', name: 'f', parameters: marker }] }),
  withTools: (model) => ({
    model,
    instructions: 'Be brief.',
    tools: [{ type: 'function', name: 'weather', description: 'Weather of a city.', parameters: weatherSchema, strict: false }, { type: 'web_search' }],
    input: [
      { role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
      { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'Sunny' },
    ],
  }),
};

// OpenAI Embeddings: https://platform.openai.com/docs/api-reference/embeddings/create (`dimensions` ≥ 1;
// `input` is a string, an array of strings, an array of token ids or an array of token-id arrays).
const openaiEmbeddings: FuzzRoute = {
  name: 'POST /v1/embeddings',
  method: 'POST',
  path: '/v1/embeddings',
  shape: 'openai',
  tokenArrayFields: ['input'],
  seed: (model) => ({ model, input: 'Say hi.' }),
  withLimit: (model, value) => ({ model, input: 'Say hi.', dimensions: value }),
};

const anthropicHeaders = { 'anthropic-version': '2023-06-01' };

// Anthropic Messages: https://docs.anthropic.com/en/api/messages (base64 image sources:
// https://docs.anthropic.com/en/docs/build-with-claude/vision).
const anthropicMessages: FuzzRoute = {
  name: 'POST /v1/messages',
  method: 'POST',
  path: '/v1/messages',
  shape: 'anthropic',
  headers: anthropicHeaders,
  seed: (model) => ({ model, max_tokens: 64, messages: user('Say hi.') }),
  withImage: (model, data) => ({ model, max_tokens: 64, messages: user([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data } }]) }),
  withLimit: (model, value) => ({ model, max_tokens: value, messages: user('Say hi.') }),
  withSchema: (model, marker) => ({ model, max_tokens: 64, messages: user('Say hi.'), tools: [{ name: 'f', input_schema: marker }] }),
  withTools: (model) => ({
    model,
    max_tokens: 64,
    system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
    tools: [{ name: 'weather', description: 'Weather of a city.', input_schema: weatherSchema }],
    tool_choice: { type: 'auto' },
    metadata: { user_id: 'user-1' },
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny' }] },
    ],
  }),
};

// Anthropic token counting: https://docs.anthropic.com/en/api/messages-count-tokens
const anthropicCountTokens: FuzzRoute = {
  name: 'POST /v1/messages/count_tokens',
  method: 'POST',
  path: '/v1/messages/count_tokens',
  shape: 'anthropic',
  headers: anthropicHeaders,
  seed: (model) => ({ model, messages: user('Say hi.') }),
  withImage: (model, data) => ({ model, messages: user([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data } }]) }),
  withSchema: (model, marker) => ({ model, messages: user('Say hi.'), tools: [{ name: 'f', input_schema: marker }] }),
};

// Gemini: https://ai.google.dev/api/generate-content (inline data: https://ai.google.dev/api/caching#Blob),
// https://ai.google.dev/api/tokens, https://ai.google.dev/api/embeddings.
const geminiContents = (parts: unknown[]) => [{ role: 'user', parts }];
const geminiGenerate = (name: string, path: string): FuzzRoute => ({
  name,
  method: 'POST',
  path,
  shape: 'gemini',
  arraysTakeOneObject: true,
  seed: () => ({ contents: geminiContents([{ text: 'Say hi.' }]) }),
  withImage: (_model, data) => ({ contents: geminiContents([{ inlineData: { mimeType: 'image/png', data } }]) }),
  withLimit: (_model, value) => ({ contents: geminiContents([{ text: 'Say hi.' }]), generationConfig: { maxOutputTokens: value } }),
  withSchema: (_model, marker) => ({ contents: geminiContents([{ text: 'Say hi.' }]), tools: [{ functionDeclarations: [{ name: 'f', parameters: marker }] }] }),
  withTools: () => ({
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
    tools: [{ functionDeclarations: [{ name: 'weather', description: 'Weather of a city.', parametersJsonSchema: weatherSchema }] }],
    toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
    contents: [
      { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { output: 'Sunny' } } }] },
    ],
  }),
});
const geminiCountTokens: FuzzRoute = {
  name: 'POST :countTokens',
  method: 'POST',
  path: '/v1beta/models/{model}:countTokens',
  shape: 'gemini',
  arraysTakeOneObject: true,
  seed: () => ({ contents: geminiContents([{ text: 'Say hi.' }]) }),
  withImage: (_model, data) => ({ contents: geminiContents([{ inlineData: { mimeType: 'image/png', data } }]) }),
};
const geminiEmbedContent: FuzzRoute = {
  name: 'POST :embedContent',
  method: 'POST',
  path: '/v1beta/models/{model}:embedContent',
  shape: 'gemini',
  arraysTakeOneObject: true,
  seed: () => ({ content: { parts: [{ text: 'Say hi.' }] } }),
  withLimit: (_model, value) => ({ content: { parts: [{ text: 'Say hi.' }] }, outputDimensionality: value }),
};

// Ollama: https://github.com/ollama/ollama/blob/main/docs/api.md (images: base64 strings). No limit
// case: a negative `num_predict` is valid there (-1 generates without limit).
const ollamaChat: FuzzRoute = {
  name: 'POST /api/chat',
  method: 'POST',
  path: '/api/chat',
  shape: 'ollama',
  seed: (model) => ({ model, messages: user('Say hi.'), stream: false }),
  withImage: (model, data) => ({ model, messages: [{ role: 'user', content: 'What is it?', images: [data] }], stream: false }),
  withSchema: (model, marker) => ({ model, messages: user('Say hi.'), stream: false, tools: [{ type: 'function', function: { name: 'f', parameters: marker } }] }),
  withTools: (model) => ({
    model,
    stream: false,
    tools: [{ type: 'function', function: { name: 'weather', description: 'Weather of a city.', parameters: weatherSchema } }],
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: 'Sunny', tool_name: 'weather' },
    ],
  }),
};
const ollamaGenerate: FuzzRoute = {
  name: 'POST /api/generate',
  method: 'POST',
  path: '/api/generate',
  shape: 'ollama',
  seed: (model) => ({ model, prompt: 'Say hi.', stream: false }),
  withImage: (model, data) => ({ model, prompt: 'What is it?', images: [data], stream: false }),
};
const ollamaEmbed: FuzzRoute = {
  name: 'POST /api/embed',
  method: 'POST',
  path: '/api/embed',
  shape: 'ollama',
  seed: (model) => ({ model, input: 'Say hi.' }),
};

const adminHeaders = { authorization: `Bearer ${fuzzAdminKey}` };

/** Routes that take no body: lists, stored responses, health, metrics, the console, admin reads. */
const bodiless: FuzzRoute[] = [
  { name: 'GET /v1/models', method: 'GET', path: '/v1/models', shape: 'openai' },
  { name: 'GET /v1/models (Anthropic)', method: 'GET', path: '/v1/models', shape: 'anthropic', headers: anthropicHeaders },
  { name: 'GET /v1beta/models', method: 'GET', path: '/v1beta/models', shape: 'gemini' },
  { name: 'GET /api/tags', method: 'GET', path: '/api/tags', shape: 'ollama' },
  { name: 'GET /v1/responses/{id}', method: 'GET', path: '/v1/responses/resp_{model}', shape: 'openai' },
  { name: 'GET /v1/responses/{id}/input_items', method: 'GET', path: '/v1/responses/resp_{model}/input_items', shape: 'openai' },
  { name: 'DELETE /v1/responses/{id}', method: 'DELETE', path: '/v1/responses/resp_{model}', shape: 'openai' },
  { name: 'GET /health', method: 'GET', path: '/health', shape: 'openai' },
  { name: 'GET /metrics', method: 'GET', path: '/metrics', shape: 'openai' },
  { name: 'GET /console', method: 'GET', path: '/console/{model}', shape: 'page' },
  { name: 'GET /admin/usage', method: 'GET', path: '/admin/usage?model={model}&since=1h', shape: 'openai', headers: adminHeaders },
  { name: 'GET /admin/keys', method: 'GET', path: '/admin/keys', shape: 'openai', headers: adminHeaders },
  { name: 'DELETE /admin/keys/{id}', method: 'DELETE', path: '/admin/keys/{model}', shape: 'openai', headers: adminHeaders },
  { name: 'GET /admin/deployments', method: 'GET', path: '/admin/deployments', shape: 'openai', headers: adminHeaders },
];

// The admin API's key creation (README, "Keys, limits, usage and cost").
const adminCreateKey: FuzzRoute = {
  name: 'POST /admin/keys',
  method: 'POST',
  path: '/admin/keys',
  shape: 'openai',
  headers: adminHeaders,
  seed: (model) => ({ name: `fuzz-${Math.random().toString(36).slice(2)}`, models: [model], rpm: 1000 }),
  withLimit: (model, value) => ({ name: `fuzz-${Math.random().toString(36).slice(2)}`, models: [model], rpm: value }),
};

// A OneBot 12 private message event: https://12.onebot.dev/interface/user/message-events/
const onebotWebhook: FuzzRoute = {
  name: 'POST OneBot webhook',
  method: 'POST',
  path: onebotWebhookPath,
  shape: 'onebot',
  ownBodyLimit: true,
  headers: { 'x-onebot-version': '12', 'x-impl': 'fuzz' },
  seed: () => ({
    id: 'e1',
    time: 1_700_000_000,
    type: 'message',
    detail_type: 'private',
    sub_type: '',
    message_id: 'm1',
    message: [{ type: 'text', data: { text: 'Say hi.' } }],
    alt_message: 'Say hi.',
    user_id: 'u1',
    self: { platform: 'fuzz', user_id: 'bot' },
  }),
};

export const fuzzRoutes: FuzzRoute[] = [
  openaiChat,
  openaiCompletions,
  openaiResponses,
  openaiEmbeddings,
  anthropicMessages,
  anthropicCountTokens,
  geminiGenerate('POST :generateContent', '/v1beta/models/{model}:generateContent'),
  geminiGenerate('POST :streamGenerateContent', '/v1beta/models/{model}:streamGenerateContent?alt=sse'),
  geminiCountTokens,
  geminiEmbedContent,
  ollamaChat,
  ollamaGenerate,
  ollamaEmbed,
  adminCreateKey,
  onebotWebhook,
  ...bodiless,
];

/** The route's path for a model (or id) name. */
export function pathFor(route: FuzzRoute, model: string): string {
  return route.path.replace('{model}', encodeURIComponent(model));
}
