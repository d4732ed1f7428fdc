import { z } from 'zod';
import { encodeAwsEventStreamMessage } from '../wire/aws-event-stream.js';
import type { StreamFrame } from '../interlingua/dialect.js';

/** One line of a Bedrock stream encoder's text: a `StreamFrame` (src/interlingua/dialect.ts). */
const frameLineSchema = z.object({ event: z.string().optional(), data: z.string(), exception: z.literal(true).optional() });

/**
 * A Bedrock stream encoder's text, one `StreamFrame` JSON per line, as the AWS event-stream
 * messages the AWS SDK reads (src/wire/aws-event-stream.ts writes each with Smithy's codec).
 * The lines are the gateway's own output, so one that does not fit is a fault of the gateway.
 */
export function awsEventStreamBytes(text: string): Buffer {
  const messages: Uint8Array[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const frame = frameLineSchema.parse(JSON.parse(line));
    const message: StreamFrame = { data: frame.data };
    if (frame.event !== undefined) message.event = frame.event;
    if (frame.exception === true) message.exception = true;
    messages.push(encodeAwsEventStreamMessage(message));
  }
  return Buffer.concat(messages);
}
