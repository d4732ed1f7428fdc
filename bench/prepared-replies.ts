import { readFixture, upstreamReplyFixtures } from './scenarios.js';

/** A recorded answer as bytes ready to write: the JSON body, and the stream split into SSE frames. */
export interface PreparedReply {
  json: Buffer;
  frames: Buffer[];
}

/** How a stand-in upstream tells a streamed request from a whole one without parsing the body. */
export const streamFlag = Buffer.from('"stream":true');

/** The recorded answers of `upstreamReplyFixtures`, by the upstream path they answer. */
export function prepareReplies(): Map<string, PreparedReply> {
  const replies = new Map<string, PreparedReply>();
  for (const [path, fixtures] of Object.entries(upstreamReplyFixtures)) {
    const json = readFixture(fixtures.json);
    const frames = readFixture(fixtures.sse)
      .toString('utf8')
      .split(/(?<=\n\n)/)
      .filter((frame) => frame.trim().length > 0)
      .map((frame) => Buffer.from(frame));
    replies.set(path, { json, frames });
  }
  return replies;
}
