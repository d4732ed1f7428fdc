import type { ServiceDefinition } from '@grpc/grpc-js';
import { protoLoader } from '../grpc-packages.js';
import { interlinguaProtoFile, loaderOptions } from '../proto-files.js';
import type { WireChatResponse } from './wire-types.js';

/**
 * How many bytes a `Complete` reply takes on the wire, told by the serializer grpc-js sends it with:
 * the `ChatResponse` encoder of the service's definition, loaded from the same proto file with the
 * same options as the served one (proto-files.ts). A reply is thus measured exactly, images and
 * vendor data included, before it meets `grpc.max_send_message_length`.
 */
export function completeReplySize(): (reply: WireChatResponse) => number {
  const definition = protoLoader().loadSync(interlinguaProtoFile, loaderOptions)['interlingua.v1.Interlingua'] as ServiceDefinition;
  const serialize = definition['Complete']?.responseSerialize;
  if (serialize === undefined) throw new Error(`${interlinguaProtoFile} has no interlingua.v1.Interlingua.Complete.`);
  return (reply) => serialize(reply).length;
}
