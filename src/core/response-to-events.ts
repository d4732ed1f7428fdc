import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';

/**
 * A whole response as the stream that would have produced it: one block per part.
 * Lets a cached or non-streamed answer be replayed to a streaming caller.
 */
export function responseToEvents(response: ChatResponse): StreamEvent[] {
  const events: StreamEvent[] = [];
  const start: StreamEvent = { type: 'response-start', id: response.id, model: response.model };
  if (response.created !== undefined) start.created = response.created;
  events.push(start);
  response.content.forEach((part, index) => {
    const id = String(index);
    switch (part.type) {
      case 'text':
        events.push({ type: 'text-start', id }, { type: 'text-delta', id, delta: part.text }, part.citations === undefined ? { type: 'text-end', id } : { type: 'text-end', id, citations: part.citations });
        return;
      case 'reasoning': {
        const reasoningStart: StreamEvent = { type: 'reasoning-start', id };
        if (part.signatureOrigin !== undefined) reasoningStart.signatureOrigin = part.signatureOrigin;
        events.push(reasoningStart);
        if (part.redactedData !== undefined) events.push({ type: 'reasoning-redacted', id, data: part.redactedData });
        if (part.text.length > 0) events.push({ type: 'reasoning-delta', id, delta: part.text });
        if (part.signature !== undefined) events.push({ type: 'reasoning-signature', id, signature: part.signature });
        events.push({ type: 'reasoning-end', id });
        return;
      }
      case 'tool-call': {
        const callStart: StreamEvent = { type: 'tool-call-start', id: part.id, name: part.name };
        if (part.vendor !== undefined) callStart.vendor = part.vendor;
        events.push(callStart, { type: 'tool-call-delta', id: part.id, delta: part.arguments }, { type: 'tool-call-end', id: part.id });
        return;
      }
      default: {
        const unhandled: never = part;
        throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
      }
    }
  });
  const finish: StreamEvent = { type: 'finish', finishReason: response.finishReason, usage: response.usage };
  if (response.stopSequence !== undefined) finish.stopSequence = response.stopSequence;
  events.push(finish);
  return events;
}
