import type { ServiceDefinition } from '@grpc/grpc-js';
import type { WireChatResponse } from './wire-types.js';

/**
 * How many bytes a `Complete` reply takes on the wire, told by the serializer grpc-js sends it with:
 * the `ChatResponse` encoder of the served service's definition. A reply is thus measured exactly,
 * images and vendor data included, before it meets `grpc.max_send_message_length`.
 */
export function completeReplySize(definition: ServiceDefinition): (reply: WireChatResponse) => number {
  const serialize = definition['Complete']?.responseSerialize;
  if (serialize === undefined) throw new Error('The served interlingua.v1.Interlingua has no Complete.');
  return (reply) => serialize(reply).length;
}
