import { isRecord, type JudgedRequest, type VendorRule } from '../rule.js';
import { contentsOf, declarationsOf, field, generateRequestOf, generationConfigOf, isCountTokens, snakeCase } from './wire.js';

/**
 * Who may call, and which field names Gemini knows. Proto JSON refuses a name the message does
 * not have, in both spellings: `Invalid JSON payload received. Unknown name "temperature": Cannot
 * find field.` at the top level (https://github.com/nashsu/llm_wiki/issues/49), and
 * `… Unknown name "additionalProperties" at 'tools[0].function_declarations[0].parameters': Cannot
 * find field.` below it (https://github.com/Laisky/one-api/issues/60).
 */

/** `GenerateContentRequest` fields: https://ai.google.dev/api/generate-content#request-body (and `model`, named when nested in countTokens). */
export const requestFields = ['model', 'contents', 'tools', 'toolConfig', 'safetySettings', 'systemInstruction', 'generationConfig', 'cachedContent', 'serviceTier', 'store', 'labels'];

/** `CountTokensRequest` fields: https://ai.google.dev/api/tokens#request-body. */
const countTokensFields = ['contents', 'generateContentRequest'];

/** `GenerationConfig` fields: https://ai.google.dev/api/generate-content#generationconfig. */
export const generationConfigFields = [
  'stopSequences', 'responseMimeType', 'responseSchema', 'responseJsonSchema', '_responseJsonSchema', 'responseModalities', 'candidateCount',
  'maxOutputTokens', 'temperature', 'topP', 'topK', 'seed', 'presencePenalty', 'frequencyPenalty', 'responseLogprobs', 'logprobs',
  'enableEnhancedCivicAnswers', 'speechConfig', 'thinkingConfig', 'imageConfig', 'mediaResolution', 'audioTranscriptionConfig',
];

/** `FunctionDeclaration` fields: https://ai.google.dev/api/caching#FunctionDeclaration. */
const functionDeclarationFields = ['name', 'description', 'behavior', 'parameters', 'parametersJsonSchema', 'response', 'responseJsonSchema'];

/** `Content` fields: https://ai.google.dev/api/caching#Content. */
const contentFields = ['role', 'parts'];

/** `Part` fields: https://ai.google.dev/api/caching#Part (the `data` oneof and its metadata). */
export const partDataFields = ['text', 'inlineData', 'functionCall', 'functionResponse', 'fileData', 'executableCode', 'codeExecutionResult', 'toolCall', 'toolResponse'];
const partFields = [...partDataFields, 'thought', 'thoughtSignature', 'partMetadata', 'videoMetadata', 'mediaResolution'];

export function unknownName(record: Record<string, unknown>, known: readonly string[], at: string): string | undefined {
  const names = new Set(known.flatMap((name) => [name, snakeCase(name)]));
  const unknown = Object.keys(record).find((name) => !names.has(name));
  if (unknown === undefined) return undefined;
  return `Invalid JSON payload received. Unknown name "${unknown}"${at === '' ? '' : ` at '${at}'`}: Cannot find field.`;
}

/** Where the GenerateContentRequest sits, as Google names it in a path. */
function requestPath(request: JudgedRequest): string {
  return isCountTokens(request) && isRecord(request.body) && field(request.body, 'generateContentRequest') !== undefined ? 'generate_content_request' : '';
}

function joined(prefix: string, path: string): string {
  return prefix === '' ? path : `${prefix}.${path}`;
}

/**
 * The first of `names` some Tool of the body holds, as proto JSON refuses it: `Unknown name "type" at
 * 'tools[26]'` (github.com/langchain-ai/langchainjs/issues/9412).
 */
export function unknownToolName(body: Record<string, unknown>, names: readonly string[], prefix: string): string | undefined {
  const tools = field(body, 'tools');
  for (const [index, tool] of (Array.isArray(tools) ? tools : []).entries()) {
    if (!isRecord(tool)) continue;
    const unknown = Object.keys(tool).find((name) => names.some((known) => name === known || name === snakeCase(known)));
    if (unknown !== undefined) return `Invalid JSON payload received. Unknown name "${unknown}" at '${joined(prefix, `tools[${index}]`)}': Cannot find field.`;
  }
  return undefined;
}

/**
 * Tools only Vertex AI serves (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/Tool),
 * none of the Gemini API's Tool fields (https://ai.google.dev/api/caching#Tool); Google's Gen AI SDK
 * refuses them for the Gemini API (@google/genai `toolToMldev`: "retrieval parameter is only supported
 * in Gemini Enterprise Agent Platform mode, not in Gemini Developer API mode").
 */
const vertexOnlyTools = ['retrieval', 'enterpriseWebSearch', 'exaAiSearch', 'parallelAiSearch'];

export const requestFieldRules: VendorRule[] = [
  {
    id: 'gemini.api-key.required',
    // https://ai.google.dev/gemini-api/docs/api-key: "To use the Gemini API, you must authenticate
    // your requests", with the key in `x-goog-api-key` or `?key=` (its curl sample), or an OAuth
    // bearer token (https://ai.google.dev/gemini-api/docs/oauth#curl). Without any, 403:
    // https://github.com/PublicAffairs/openai-gemini/issues/92.
    source: 'ai.google.dev/gemini-api/docs/api-key ("you must authenticate your requests"); 403 body from github.com/PublicAffairs/openai-gemini/issues/92',
    status: 403,
    check: ({ headers, url }) => {
      const key = headers['x-goog-api-key'];
      const bearer = headers['authorization'];
      if ((typeof key === 'string' && key !== '') || (typeof bearer === 'string' && /^Bearer \S/.test(bearer))) return undefined;
      if (/[?&]key=[^&]/.test(url)) return undefined;
      return "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
    },
  },
  {
    id: 'gemini.request.unknown-field',
    source: 'ai.google.dev/api/generate-content#request-body; error wording from github.com/nashsu/llm_wiki/issues/49',
    check: (request) => {
      if (!isRecord(request.body)) return undefined;
      if (isCountTokens(request)) {
        const outer = unknownName(request.body, countTokensFields, '');
        if (outer !== undefined) return outer;
        const inner = field(request.body, 'generateContentRequest');
        return isRecord(inner) ? unknownName(inner, requestFields, 'generate_content_request') : undefined;
      }
      return unknownName(request.body, requestFields, '');
    },
  },
  {
    id: 'gemini.tool.vertex-only',
    source: 'ai.google.dev/api/caching#Tool; cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/Tool; @google/genai toolToMldev',
    check: (request) => {
      const body = generateRequestOf(request);
      return body === undefined ? undefined : unknownToolName(body, vertexOnlyTools, requestPath(request));
    },
  },
  {
    id: 'gemini.generation-config.unknown-field',
    source: 'ai.google.dev/api/generate-content#generationconfig (the GenerationConfig fields)',
    check: (request) => {
      const body = generateRequestOf(request);
      return body === undefined ? undefined : unknownName(generationConfigOf(body), generationConfigFields, joined(requestPath(request), 'generation_config'));
    },
  },
  {
    id: 'gemini.function-declaration.unknown-field',
    // OpenAI's `strict` or `type: "function"` carried over, for one: a FunctionDeclaration has neither.
    source: 'ai.google.dev/api/caching#FunctionDeclaration (the FunctionDeclaration fields)',
    check: (request) => {
      const body = generateRequestOf(request);
      if (body === undefined) return undefined;
      for (const { path, declaration } of declarationsOf(body)) {
        const problem = unknownName(declaration, functionDeclarationFields, joined(requestPath(request), path));
        if (problem !== undefined) return problem;
      }
      return undefined;
    },
  },
  {
    id: 'gemini.content.unknown-field',
    source: 'ai.google.dev/api/caching#Content and #Part (the Content and Part fields)',
    check: (request) => {
      const body = generateRequestOf(request);
      if (body === undefined) return undefined;
      const prefix = requestPath(request);
      const contents = field(body, 'contents');
      for (const [index, content] of (Array.isArray(contents) ? contents : [contents]).entries()) {
        if (!isRecord(content)) continue;
        const problem = unknownName(content, contentFields, joined(prefix, `contents[${index}]`));
        if (problem !== undefined) return problem;
      }
      for (const content of contentsOf(body)) {
        for (const [index, part] of content.parts.entries()) {
          const problem = unknownName(part, partFields, joined(prefix, `contents[${content.index}].parts[${index}]`));
          if (problem !== undefined) return problem;
        }
      }
      return undefined;
    },
  },
];
