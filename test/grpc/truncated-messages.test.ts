/**
 * A request message whose length-delimited field claims more bytes than follow is not a message:
 * it is refused before any upstream is asked (and billed). The protobuf encoding: a LEN field is
 * its tag, a varint length, then that many bytes (https://protobuf.dev/programming-guides/encoding/#length-types).
 * protobufjs clamped such a string to what was there until protobufjs/protobuf.js#2205
 * ("fix: Consistently reject truncated strings"); gRPC answers a request proto it cannot parse with
 * INTERNAL (https://github.com/grpc/grpc/blob/master/doc/statuscodes.md, "Error parsing request proto").
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Metadata, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { TestUpstream } from '../support/test-upstream.js';
import { grpcGatewayOver } from './support/grpc-gateway-over.js';

const upstream = new TestUpstream();
before(() => upstream.start());
after(() => upstream.stop());

const truncated: Array<[string, string, Buffer]> = [
  ['ChatHub, field 1 claiming ~4 GiB with 1 byte after it', '/aihub.ChatHub/Chat', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x41])],
  ['ChatHub, field 1 claiming 5 bytes with 1 after it', '/aihub.ChatHub/Chat', Buffer.from([0x0a, 0x05, 0x41])],
  ['interlingua.v1, field 2 claiming 5 bytes with 1 after it', '/interlingua.v1.Interlingua/Complete', Buffer.from([0x12, 0x05, 0x01])],
];

for (const [name, path, bytes] of truncated) {
  test(`a truncated message is refused and not sent upstream: ${name}`, async () => {
    const served = await grpcGatewayOver(upstream.baseUrl);
    const client = new Client(`127.0.0.1:${served.port}`, credentials.createInsecure());
    try {
      const error = await new Promise<ServiceError | undefined>((resolve) =>
        client.makeUnaryRequest(path, (message: Buffer) => message, (message: Buffer) => message, bytes, new Metadata(), { deadline: Date.now() + 5000 }, (failure) => resolve(failure ?? undefined)),
      );
      assert.ok(error, 'the message was answered');
      assert.equal(error.code, status.INTERNAL, error.details);
      assert.equal(upstream.requests.length, 0, 'nothing reached the upstream');
    } finally {
      client.close();
      await served.close();
      upstream.reset();
    }
  });
}
