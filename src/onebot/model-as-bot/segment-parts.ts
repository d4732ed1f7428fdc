import type { ImagePart, TextPart, UserPart } from '../../interlingua/content.js';
import { peerId } from '../peer-id.js';
import type { Segment } from '../wire-types.js';

export interface SegmentReadingOptions {
  /** The bot's own user id: a mention of it is how it was called, not content. */
  botUserId: string;
  /** Who wrote the message, written before it in chats with several people. */
  speaker?: string;
  /** A prefix that addressed the bot, taken off the text. */
  prefix?: string;
  /** Fetches an image (through `get_file`); `undefined` when it cannot be had. Not given: images stay placeholders. */
  image?: (segment: Segment) => Promise<ImagePart | undefined>;
}

/**
 * OneBot message segments (https://12.onebot.dev/interface/message/segments/) → interlingua
 * user parts. Text, mentions and replies become text, so the model sees who was mentioned and
 * what was quoted; images become image parts when they can be fetched; what a model cannot
 * take (files, voice, video, locations) is named in brackets rather than dropped.
 */
export async function segmentParts(segments: Segment[], options: SegmentReadingOptions): Promise<UserPart[]> {
  const parts: UserPart[] = [];
  let text = '';
  let speaker = options.speaker;
  let prefix = options.prefix;
  const flush = () => {
    // The speaker goes before the first thing said, even when that is an image.
    const said = text.trim();
    if (speaker !== undefined) parts.push({ type: 'text', text: said === '' ? `${speaker}:` : `${speaker}: ${said}` } satisfies TextPart);
    else if (said !== '') parts.push({ type: 'text', text: said } satisfies TextPart);
    speaker = undefined;
    text = '';
  };
  for (const segment of segments) {
    const data = segment.data;
    switch (segment.type) {
      case 'text': {
        let piece = typeof data.text === 'string' ? data.text : '';
        if (prefix !== undefined) {
          const trimmed = piece.trimStart();
          if (trimmed.startsWith(prefix)) {
            piece = trimmed.slice(prefix.length).trimStart();
            prefix = undefined;
          }
        }
        text += piece;
        break;
      }
      case 'mention': {
        const mentioned = peerId(data.user_id);
        if (mentioned !== undefined && mentioned !== options.botUserId) text += `@${mentioned} `;
        break;
      }
      case 'mention_all':
        text += '@all ';
        break;
      case 'reply': {
        const quoted = peerId(data.user_id);
        text += quoted === undefined ? '(replying to an earlier message) ' : `(replying to ${quoted}) `;
        break;
      }
      case 'image': {
        const image = options.image === undefined ? undefined : await options.image(segment);
        if (image === undefined) text += ' [image] ';
        else {
          flush();
          parts.push(image);
        }
        break;
      }
      case 'file':
        text += typeof data.name === 'string' ? `[file: ${data.name}] ` : '[file] ';
        break;
      case 'location':
        text += `[location: ${[data.title, data.content].filter((part) => typeof part === 'string' && part !== '').join(', ')}] `;
        break;
      default:
        text += `[${segment.type}] `;
    }
  }
  if (text.trim() !== '' || parts.length === 0) flush();
  return parts;
}

