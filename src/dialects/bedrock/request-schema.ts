/**
 * A Converse request as callers send it (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_RequestSyntax);
 * the model id comes from the path. Content blocks are unions of one member each
 * (API_runtime_ContentBlock); members the codec does not read (`video`, `guardContent`, a
 * document from S3, …) are refused by name rather than passed on half-understood.
 */
import { z } from 'zod';
import { documentFormats } from './documents.js';

const imageSchema = z.object({ format: z.enum(['png', 'jpeg', 'gif', 'webp']), source: z.object({ bytes: z.string() }).strict() }).strict();
// API_runtime_CachePointBlock: "ttl … Valid Values: 5m | 1h".
const cachePointSchema = z.object({ type: z.literal('default'), ttl: z.enum(['5m', '1h']).optional() }).strict();
/** API_runtime_DocumentBlock; the format is required here so that the file's type is known. */
const documentSchema = z.object({ format: z.enum(documentFormats), name: z.string().min(1).max(200), source: z.object({ bytes: z.string() }).strict() }).strict();

const toolResultContentSchema = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ image: imageSchema }).strict(),
  z.object({ document: documentSchema }).strict(),
  z.object({ json: z.unknown() }).strict(),
]);

export const requestBlockSchema = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ image: imageSchema }).strict(),
  z.object({ document: documentSchema }).strict(),
  z.object({ cachePoint: cachePointSchema }).strict(),
  z.object({ toolUse: z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).strict() }).strict(),
  z
    .object({
      toolResult: z.object({ toolUseId: z.string(), content: z.array(toolResultContentSchema), status: z.enum(['success', 'error']).optional() }).strict(),
    })
    .strict(),
  z
    .object({
      reasoningContent: z.union([
        z.object({ reasoningText: z.object({ text: z.string(), signature: z.string().optional() }).strict() }).strict(),
        z.object({ redactedContent: z.string() }).strict(),
      ]),
    })
    .strict(),
]);
export type RequestBlock = z.infer<typeof requestBlockSchema>;

export const converseRequestSchema = z
  .object({
    messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.array(requestBlockSchema) }).strict()),
    system: z.array(z.union([z.object({ text: z.string() }).strict(), z.object({ cachePoint: cachePointSchema }).strict()])).optional(),
    // API_runtime_InferenceConfiguration: temperature and topP "Valid Range: Minimum value of 0. Maximum value of 1.",
    // a stop sequence "Minimum length of 1.", at most "4 items"; Bedrock refuses the rest ("Value '1.5' at 'inferenceConfig.temperature'
    // failed to satisfy constraint: Member must have value less than or equal to 1",
    // https://github.com/stdapi-ai/stdapi.ai/issues/224), and so does the gateway in its place.
    inferenceConfig: z
      .object({
        maxTokens: z.number().int().positive().optional(),
        temperature: z.number().min(0).max(1).optional(),
        topP: z.number().min(0).max(1).optional(),
        stopSequences: z.array(z.string().min(1)).max(4).optional(),
      })
      .strict()
      .optional(),
    toolConfig: z
      .object({
        tools: z.array(
          z.union([
            z.object({ toolSpec: z.object({ name: z.string(), description: z.string().optional(), inputSchema: z.object({ json: z.record(z.string(), z.unknown()) }).strict() }).strict() }).strict(),
            z.object({ cachePoint: cachePointSchema }).strict(),
          ]),
        ),
        toolChoice: z.union([z.object({ auto: z.object({}) }).strict(), z.object({ any: z.object({}) }).strict(), z.object({ tool: z.object({ name: z.string() }).strict() }).strict()]).optional(),
      })
      .strict()
      .optional(),
    additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
    // API_runtime_OutputConfig → OutputFormat (`type` "json_schema", its only valid value; `structure`, a
    // union) → OutputFormatStructure (`jsonSchema`) → JsonSchemaDefinition (`schema` a string, required;
    // `name`, `description`): structured-output.ts.
    outputConfig: z
      .object({
        textFormat: z
          .object({
            type: z.literal('json_schema'),
            structure: z.object({ jsonSchema: z.object({ schema: z.string(), name: z.string().optional(), description: z.string().optional() }).strict() }).strict(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    additionalModelResponseFieldPaths: z.array(z.string()).optional(),
    guardrailConfig: z.record(z.string(), z.unknown()).optional(),
    performanceConfig: z.record(z.string(), z.unknown()).optional(),
    requestMetadata: z.record(z.string(), z.string()).optional(),
    promptVariables: z.record(z.string(), z.unknown()).optional(),
    serviceTier: z.unknown().optional(),
  })
  .strict();
export type ConverseRequest = z.infer<typeof converseRequestSchema>;
