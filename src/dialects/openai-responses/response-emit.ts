/**
 * `ChatResponse` → the `response` object Responses clients expect.
 * Reference: https://platform.openai.com/docs/api-reference/responses/object
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { emitFinish } from './finish-reason.js';
import { emitAssistantItems, type ItemEmitOptions, type WireItem } from './items-emit.js';
import { customToolNames, namespacedNames } from './tool-kinds.js';
import { carriesSignatures } from './reasoning-carrier.js';
import { responseId, responseObject, responseSettings } from './response-envelope.js';
import { emitUsage } from './usage.js';
import { dialectName, isRecord, ownVendor, recordField } from './vendor.js';
import { generatedImagesIn, imageGenerationCall, imageGenerationCallId } from './generated-images.js';
import { pushAll } from '../../core/push-all.js';

export function emitResponse(response: ChatResponse, context: EmitResponseContext): Record<string, unknown> {
  const vendor = ownVendor(response.vendor);
  const finish = emitFinish(response.finishReason);
  const output: unknown[] = itemsWithImages(response, {
    target: 'response',
    keepIds: true,
    toolNames: namespacedNames(context.request.vendor),
    customNames: customToolNames(context.request.vendor),
    status: finish.status === 'incomplete' ? 'incomplete' : 'completed',
    carrySignatures: carriesSignatures(context),
  });
  insertOtherOutput(output, vendor?.['otherOutput']);
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
 * The answer's items, with each image another vendor's model generated (generated-images.ts) in
 * the place it came among the answer's parts: the items of the parts before it, the image, the
 * items of the parts after it. An image whose place was not told follows the other items.
 */
function itemsWithImages(response: ChatResponse, options: ItemEmitOptions): WireItem[] {
  const images = generatedImagesIn(response.vendor);
  const placed = images.filter((image) => image.at !== undefined).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  const items: WireItem[] = [];
  let from = 0;
  for (const image of placed) {
    const to = Math.min(Math.max(image.at ?? 0, from), response.content.length);
    pushAll(items, emitAssistantItems(response.content.slice(from, to), options));
    items.push(imageGenerationCall(imageGenerationCallId(), image.data));
    from = to;
  }
  pushAll(items, emitAssistantItems(response.content.slice(from), options));
  for (const image of images) if (image.at === undefined) items.push(imageGenerationCall(imageGenerationCallId(), image.data));
  return items;
}
