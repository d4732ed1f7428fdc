import { anthropicPath, readFixture, upstreamReplyFixtures } from './scenarios.js';
import { longStreamLengths, longStreamPath, stretchFrames } from './long-streams.js';

/** A recorded answer as bytes ready to write: the JSON body, and the stream split into SSE frames. */
export interface PreparedReply {
  json: Buffer;
  frames: Buffer[];
  /** Written one frame per event-loop turn (a long stream), not all in one go. */
  paced: boolean;
}

/** How a stand-in upstream tells a streamed request from a whole one without parsing the body. */
export const streamFlag = Buffer.from('"stream":true');

/** The recorded answers of `upstreamReplyFixtures`, and the long streams stretched from them, by the upstream path they answer. */
export function prepareReplies(): Map<string, PreparedReply> {
  const replies = new Map<string, PreparedReply>();
  for (const [path, fixtures] of Object.entries(upstreamReplyFixtures)) {
    const json = readFixture(fixtures.json);
    const frames = readFixture(fixtures.sse)
      .toString('utf8')
      .split(/(?<=\n\n)/)
      .filter((frame) => frame.trim().length > 0)
      .map((frame) => Buffer.from(frame));
    replies.set(path, { json, frames, paced: false });
  }
  const anthropic = replies.get(anthropicPath);
  if (anthropic === undefined) throw new Error(`no recorded reply for ${anthropicPath}`);
  for (const events of longStreamLengths) {
    replies.set(longStreamPath(events), { json: anthropic.json, frames: stretchFrames(anthropic.frames, events), paced: true });
  }
  return replies;
}
