/**
 * The encoded size of a `ChatReply` whose `response` is `textBytes` bytes of UTF-8: its one field is
 * a length-delimited record, a one-byte tag (field 1, wire type 2) and the length as a varint before
 * the bytes (https://protobuf.dev/programming-guides/encoding/#length-types). Counted from the
 * length alone, so a stream can check each reply against the send limit without encoding it twice.
 */
export function chatReplyBytes(textBytes: number): number {
  return 1 + varintBytes(textBytes) + textBytes;
}

/** Seven bits a byte (https://protobuf.dev/programming-guides/encoding/#varints). */
function varintBytes(value: number): number {
  let bytes = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes += 1;
  return bytes;
}
