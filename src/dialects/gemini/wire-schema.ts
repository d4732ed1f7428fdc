/**
 * Zod schemas of the Gemini v1beta wire format (https://ai.google.dev/api/generate-content).
 * Objects are loose: fields the interlingua has no place for survive parsing and travel in
 * `vendor.gemini`. `null` counts as absent, as in Google's JSON mapping of protobuf.
 */
import { z } from 'zod';
import { tokenCountSchema } from '../../wire/token-count.js';
import { isJsonObject, setField } from './json-value.js';

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The REST API reads both lowerCamelCase and the proto's snake_case field names (protobuf JSON
 * mapping: "parsers accept both"); Google's own REST samples use snake_case — see fixture
 * gemini/doc-request-system-instruction-snake-case-single-objects.json. Only the known fields of
 * a message are renamed, so user data (function args, schema property names) is never touched.
 */
function acceptSnakeCase(known: readonly string[]): (value: unknown) => unknown {
  const aliases = new Map<string, string>();
  for (const name of known) if (snakeCase(name) !== name) aliases.set(snakeCase(name), name);
  return (value) => {
    if (!isJsonObject(value)) return value;
    let renamed: Record<string, unknown> | undefined;
    for (const [key, field] of Object.entries(value)) {
      const camel = aliases.get(key);
      if (camel === undefined || Object.hasOwn(value, camel)) continue;
      renamed ??= { ...value };
      delete renamed[key];
      setField(renamed, camel, field);
    }
    return renamed ?? value;
  };
}

/** A proto message: loose, snake_case-tolerant. */
export function message<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(acceptSnakeCase(Object.keys(shape)), z.looseObject(shape));
}

/** A repeated field that the API also accepts as a single object (same fixture as above). */
function oneOrMany<Item extends z.ZodType>(item: Item) {
  return z.preprocess((value) => (value === undefined || value === null || Array.isArray(value) ? value : [value]), z.array(item));
}

const jsonObject = z.record(z.string(), z.unknown());

// ---------------------------------------------------------------- request

const blobSchema = message({ mimeType: z.string(), data: z.string() });
const fileDataSchema = message({ fileUri: z.string(), mimeType: z.string().nullish() });
const functionCallSchema = message({ name: z.string(), args: jsonObject.nullish(), id: z.string().nullish() });
const functionResponseSchema = message({ name: z.string(), response: jsonObject.nullish(), id: z.string().nullish() });

export const partSchema = message({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  inlineData: blobSchema.nullish(),
  fileData: fileDataSchema.nullish(),
  functionCall: functionCallSchema.nullish(),
  functionResponse: functionResponseSchema.nullish(),
});
export type WirePart = z.output<typeof partSchema>;

export const contentSchema = message({ role: z.string().nullish(), parts: oneOrMany(partSchema).nullish() });
export type WireContent = z.output<typeof contentSchema>;

const functionDeclarationSchema = message({
  name: z.string(),
  description: z.string().nullish(),
  parameters: jsonObject.nullish(),
  parametersJsonSchema: jsonObject.nullish(),
});
export type WireFunctionDeclaration = z.output<typeof functionDeclarationSchema>;

const toolSchema = message({ functionDeclarations: z.array(functionDeclarationSchema).nullish() });
export type WireTool = z.output<typeof toolSchema>;

const functionCallingConfigSchema = message({
  mode: z.string().nullish(),
  allowedFunctionNames: z.array(z.string()).nullish(),
});
const toolConfigSchema = message({ functionCallingConfig: functionCallingConfigSchema.nullish() });
export type WireToolConfig = z.output<typeof toolConfigSchema>;

const thinkingConfigSchema = message({
  thinkingBudget: z.number().nullish(),
  includeThoughts: z.boolean().nullish(),
  thinkingLevel: z.string().nullish(),
});

const generationConfigSchema = message({
  temperature: z.number().nullish(),
  topP: z.number().nullish(),
  topK: z.number().nullish(),
  maxOutputTokens: z.number().nullish(),
  stopSequences: oneOrMany(z.string()).nullish(),
  candidateCount: z.number().nullish(),
  seed: z.number().nullish(),
  presencePenalty: z.number().nullish(),
  frequencyPenalty: z.number().nullish(),
  responseMimeType: z.string().nullish(),
  responseSchema: jsonObject.nullish(),
  responseJsonSchema: z.unknown().optional(),
  thinkingConfig: thinkingConfigSchema.nullish(),
});
export type WireGenerationConfig = z.output<typeof generationConfigSchema>;

/** `GenerateContentRequest`; the model is in the URL path, not here. */
export const generateContentRequestSchema = message({
  contents: oneOrMany(contentSchema),
  systemInstruction: contentSchema.nullish(),
  tools: oneOrMany(toolSchema).nullish(),
  toolConfig: toolConfigSchema.nullish(),
  generationConfig: generationConfigSchema.nullish(),
  safetySettings: z.unknown().optional(),
  cachedContent: z.unknown().optional(),
  model: z.string().nullish(),
});
export type WireRequest = z.output<typeof generateContentRequestSchema>;

// ---------------------------------------------------------------- response and stream chunks

/** Vertex streamed function-call arguments (`streamFunctionCallArguments`), one JSON-path value at a time. */
const partialArgSchema = z.looseObject({
  jsonPath: z.string().nullish(),
  stringValue: z.string().nullish(),
  numberValue: z.number().nullish(),
  boolValue: z.boolean().nullish(),
  nullValue: z.unknown().optional(),
  willContinue: z.boolean().nullish(),
});
export type WirePartialArg = z.output<typeof partialArgSchema>;

export const responseFunctionCallSchema = z.looseObject({
  name: z.string().nullish(),
  args: jsonObject.nullish(),
  id: z.string().nullish(),
  partialArgs: z.array(partialArgSchema).nullish(),
  willContinue: z.boolean().nullish(),
});
export type WireResponseFunctionCall = z.output<typeof responseFunctionCallSchema>;

export const responsePartSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  functionCall: responseFunctionCallSchema.nullish(),
});
export type WireResponsePart = z.output<typeof responsePartSchema>;

const candidateSchema = z.looseObject({
  content: z.looseObject({ role: z.string().nullish(), parts: z.array(responsePartSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
  index: z.number().nullish(),
});
export type WireCandidate = z.output<typeof candidateSchema>;

export const usageMetadataSchema = z.looseObject({
  promptTokenCount: tokenCountSchema,
  candidatesTokenCount: tokenCountSchema,
  totalTokenCount: tokenCountSchema,
  thoughtsTokenCount: tokenCountSchema,
  cachedContentTokenCount: tokenCountSchema,
  toolUsePromptTokenCount: tokenCountSchema,
});
export type WireUsageMetadata = z.output<typeof usageMetadataSchema>;

export const errorObjectSchema = z.looseObject({
  code: z.number().nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
  details: z.array(z.unknown()).nullish(),
});
export type WireErrorObject = z.output<typeof errorObjectSchema>;

/** `GenerateContentResponse`, also the shape of every streamed chunk; a chunk may instead carry `error`. */
export const generateContentResponseSchema = z.looseObject({
  candidates: z.array(candidateSchema).nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: usageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
  createTime: z.string().nullish(),
  error: errorObjectSchema.nullish(),
});
export type WireResponse = z.output<typeof generateContentResponseSchema>;

/** `{error:{…}}`, or the same wrapped in an array (streamGenerateContent without `alt=sse`). */
export const errorBodySchema = z.union([
  z.looseObject({ error: errorObjectSchema }),
  z.array(z.looseObject({ error: errorObjectSchema })).min(1),
]);

/** The path of the first issue of a failed parse (`contents[0].parts[1].text`), or '' for the root. */
export function issuePath(error: z.ZodError): string {
  return (error.issues[0]?.path ?? [])
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** The first issue of a failed parse as "path: message", so the caller learns which field is wrong. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid value';
  const path = issuePath(error);
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
