/**
 * `ChatResponse` → the `response` object Responses clients expect.
 * Reference: https://platform.openai.com/docs/api-reference/responses/object
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { emitFinish } from './finish-reason.js';
import { emitAssistantItems } from './items-emit.js';
import { customToolNames, namespacedNames } from './tool-kinds.js';
import { carriesSignatures } from './reasoning-carrier.js';
import { responseId, responseObject, responseSettings } from './response-envelope.js';
import { emitUsage } from './usage.js';
import { dialectName, isRecord, ownVendor, recordField } from './vendor.js';
import { foreignUnportedOutput } from '../../core/unported-output.js';
import { generateId } from '../../core/ids.js';

export function emitResponse(response: ChatResponse, context: EmitResponseContext): Record<string, unknown> {
  const vendor = ownVendor(response.vendor);
  const finish = emitFinish(response.finishReason);
  const output: unknown[] = emitAssistantItems(response.content, {
    target: 'response',
    keepIds: true,
    toolNames: namespacedNames(context.request.vendor),
    customNames: customToolNames(context.request.vendor),
    status: finish.status === 'incomplete' ? 'incomplete' : 'completed',
    carrySignatures: carriesSignatures(context),
  });
  insertOtherOutput(output, vendor?.['otherOutput']);
  output.push(...generatedImageItems(response));
  const upstreamError = recordField(vendor, 'error');
  const error =
    finish.status !== 'failed'
      ? null
      : {
          code: typeof upstreamError?.['code'] === 'string' ? upstreamError['code'] : 'server_error',
          message: typeof upstreamError?.['message'] === 'string' ? upstreamError['message'] : 'The upstream failed to complete the response.',
        };
  return responseObject(
    {
      id: responseId(response.id),
      createdAt: response.created ?? Math.floor(Date.now() / 1000),
      status: finish.status,
      error,
      incompleteDetails: finish.incomplete_details,
      output,
      usage: emitUsage(response.usage),
    },
    context.requestedModel,
    responseSettings(context, recordField(vendor, 'response')),
  );
}

/** Puts back, at their places, the output items a Responses upstream sent that the interlingua cannot hold. */
function insertOtherOutput(output: unknown[], otherOutput: unknown): void {
  if (!Array.isArray(otherOutput)) return;
  const entries = otherOutput.filter(
    (entry): entry is { index: number; item: unknown } => isRecord(entry) && typeof entry['index'] === 'number' && entry['item'] !== undefined,
  );
  entries.sort((a, b) => a.index - b.index);
  for (const entry of entries) output.splice(Math.min(Math.max(entry.index, 0), output.length), 0, entry.item);
}

/**
 * Images another vendor's model generated (core/unported-output.ts), as the items OpenAI returns a
 * generated image in: `{type: "image_generation_call", id, status, result}`, `result` being the image
 * in base64 (`ResponseOutputItem.ImageGenerationCall` in node_modules/openai/resources/responses/responses.d.ts:
 * "The generated image encoded in base64"). They follow the other items:
 * the interlingua keeps no place for them between its parts.
 */
function generatedImageItems(response: ChatResponse): Array<Record<string, unknown>> {
  return foreignUnportedOutput(response.vendor, dialectName).flatMap((entry) =>
    entry.image === undefined ? [] : [{ type: 'image_generation_call', id: generateId('ig_'), status: 'completed', result: entry.image.data }],
  );
}
