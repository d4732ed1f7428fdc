/** Anthropic Messages: what a content block must hold — text that is not empty, images Claude can read. */
import { isRecord, type VendorRule } from '../rule.js';
import { blockType, firstOf, nestedBlocks, onBody, turnsOf, type Block } from './body.js';
import { imageDataFormat } from '../image-data.js';
import { imageSize } from 'image-size';

/** Image media types Anthropic reads (https://docs.claude.com/en/docs/build-with-claude/vision: "The supported image formats are JPEG, PNG, GIF, and WebP"). */
const imageMediaTypes = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
/**
 * "You can include multiple images in a single request: up to 20 for claude.ai, and up to 600 for API requests (100 for
 * models with a 200k-token context window)" (https://platform.claude.com/docs/en/build-with-claude/vision). The models
 * with a 1M-token window: "Context window: 1M tokens" on the pages of Opus 4.6, Sonnet 4.6 and later
 * (https://platform.claude.com/docs/en/models/opus-4-6/overview, https://platform.claude.com/docs/en/models/sonnet-4-6/overview);
 * every earlier Claude model has 200k.
 */
const millionTokenModels = /^claude-(?:opus-4-[678]|sonnet-4-6|(?:opus|sonnet)-5(?:-\d+)?|haiku-5-5|fable-5(?:-\d+)?)(?:-\d{8})?$/;
function maximumImages(model: unknown): number {
  return typeof model === 'string' && millionTokenModels.test(model) ? 600 : 100;
}
const base64Alphabet = /^[A-Za-z0-9+/]*={0,2}$/;
/**
 * "The maximal dimensions per image are 8000x8000 px. If you submit more than 20 images in one API request, this limit
 * is reduced to 2000x2000 px" (https://platform.claude.com/docs/en/build-with-claude/vision).
 */
const maximumSide = 8000;
const manyImages = { count: 20, maximumSide: 2000 };
/** An image's base64 text may be 5 MB (recorded refusals: github.com/anthropics/claude-code/issues/8227, #10612). */
const maximumBase64Length = 5 * 1024 * 1024;

/** Width and height of base64 image data, or undefined when it is no image. */
function pixelsOf(data: string): { width: number; height: number } | undefined {
  try {
    return imageSize(Buffer.from(data, 'base64'));
  } catch {
    return undefined;
  }
}

/** Every base64 image block of the conversation with its path and data. */
function base64Images(body: Record<string, unknown>): Array<{ path: string; data: string }> {
  return everyBlock(body).flatMap(({ path, block }) => {
    const source = block['source'];
    return blockType(block) === 'image' && isRecord(source) && source['type'] === 'base64' && typeof source['data'] === 'string' ? [{ path, data: source['data'] }] : [];
  });
}

/** Every block of the conversation with its path, tool-result contents included. */
function everyBlock(body: Record<string, unknown>): Array<{ path: string; block: Block }> {
  return turnsOf(body).flatMap((turn) =>
    turn.blocks.flatMap((block, position) => {
      const path = `messages.${turn.index}.content.${position}`;
      return [{ path, block }, ...nestedBlocks(block).map((inner, innerPosition) => ({ path: `${path}.content.${innerPosition}`, block: inner }))];
    }),
  );
}

/** The system prompt as blocks with their paths: a string is one text block, as the vendor reads it. */
function systemBlocks(body: Record<string, unknown>): Array<{ path: string; block: Block }> {
  const system = body['system'];
  if (typeof system === 'string') return [{ path: 'system', block: { type: 'text', text: system } }];
  return Array.isArray(system) ? system.flatMap((block: unknown, index) => (isRecord(block) ? [{ path: `system.${index}`, block }] : [])) : [];
}

const isBlankText = (block: Block): boolean => blockType(block) === 'text' && typeof block['text'] === 'string' && block['text'] !== '' && block['text'].trim() === '';

export const contentRules: VendorRule[] = [
  {
    id: 'anthropic.system.non-whitespace',
    // Recorded 400 "system: text content blocks must contain non-whitespace text" for a system prompt of whitespace
    // (https://github.com/BoltAI/BoltAI/issues/165), and for a whitespace system block beside others: one split off a
    // prompt ending in "\n\n" (https://github.com/NousResearch/hermes-agent/pull/97618), one carrying cache_control
    // (https://github.com/NousResearch/hermes-agent/pull/86643, issue #70909).
    source: 'github.com/BoltAI/BoltAI/issues/165; github.com/NousResearch/hermes-agent/pull/97618, /pull/86643 (recorded 400 bodies)',
    check: onBody((body) => (systemBlocks(body).some(({ block }) => isBlankText(block)) ? 'system: text content blocks must contain non-whitespace text' : undefined)),
  },
  {
    id: 'anthropic.text.cache-control-on-empty',
    // Recorded 400 "messages.29.content.0.text: cache_control cannot be set for empty text blocks"
    // (https://github.com/NousResearch/hermes-agent/pull/1216; https://github.com/anthropics/claude-code/issues/54013),
    // for a block of the system prompt as for one of a message.
    source: 'github.com/NousResearch/hermes-agent/pull/1216; github.com/anthropics/claude-code/issues/54013 (recorded 400 bodies)',
    check: onBody((body) =>
      firstOf([...systemBlocks(body), ...everyBlock(body)], ({ path, block }) =>
        blockType(block) === 'text' && block['text'] === '' && block['cache_control'] !== undefined ? `${path}.text: cache_control cannot be set for empty text blocks` : undefined,
      ),
    ),
  },
  {
    id: 'anthropic.text.non-empty',
    // Real 400 bodies in https://github.com/anthropics/claude-code/issues/59812 and
    // https://github.com/mckaywrigley/chatbot-ui/issues/1656: "messages: text content blocks must be non-empty".
    // chatbot-ui#1656 meets it with an empty final assistant turn, so a string "" counts as an empty block too.
    source: 'github.com/anthropics/claude-code/issues/59812 (recorded 400 body)',
    check: onBody((body) => {
      const isEmptyText = (block: Block): boolean => blockType(block) === 'text' && block['text'] === '';
      const empty = everyBlock(body).some(({ block }) => isEmptyText(block));
      return empty ? 'messages: text content blocks must be non-empty' : undefined;
    }),
  },
  {
    id: 'anthropic.text.non-whitespace',
    // Measured against the API (https://github.com/LibreChat-AI/agents/pull/124): a message whose only text
    // block is " " or "\n" is refused, "messages: text content blocks must contain non-whitespace text"
    // (recorded 400 in https://github.com/home-assistant/core/issues/175637), while [" ", "real"] is taken.
    // The final assistant message is a prefill, judged by the trailing-whitespace rule below instead.
    source: 'github.com/LibreChat-AI/agents/pull/124 (measured); github.com/home-assistant/core/issues/175637 (recorded 400 body)',
    check: onBody((body) => {
      const turns = turnsOf(body);
      const blank = turns.some((turn, position) => {
        if (position === turns.length - 1 && turn.role === 'assistant') return false;
        const texts = turn.blocks.filter((block) => blockType(block) === 'text' && typeof block['text'] === 'string' && block['text'] !== '');
        return texts.length > 0 && texts.every((block) => String(block['text']).trim() === '');
      });
      return blank ? 'messages: text content blocks must contain non-whitespace text' : undefined;
    }),
  },
  {
    id: 'anthropic.prefill.trailing-whitespace',
    // Recorded 400 in https://github.com/tailcallhq/forgecode/issues/1872: "messages: final assistant content cannot end
    // with trailing whitespace" — a final assistant message is a prefill, and its last text block may not end in whitespace
    // (https://github.com/langchain-ai/langchain-google/pull/1733 trims only that block).
    source: 'github.com/tailcallhq/forgecode/issues/1872 (recorded 400 body)',
    check: onBody((body) => {
      const last = turnsOf(body).at(-1);
      const block = last?.role === 'assistant' ? last.blocks.at(-1) : undefined;
      const text = blockType(block) === 'text' ? block?.['text'] : undefined;
      return typeof text === 'string' && /\s$/.test(text) ? 'messages: final assistant content cannot end with trailing whitespace' : undefined;
    }),
  },
  {
    id: 'anthropic.image.media-type',
    // https://docs.claude.com/en/docs/build-with-claude/vision: "The supported image formats are JPEG, PNG, GIF, and WebP";
    // other types are refused with a 400 (https://github.com/NousResearch/hermes-agent/issues/55432).
    source: 'docs.claude.com/en/docs/build-with-claude/vision (image/jpeg, image/png, image/gif, image/webp)',
    check: onBody((body) =>
      firstOf(everyBlock(body), ({ path, block }) => {
        const source = block['source'];
        if (blockType(block) !== 'image' || !isRecord(source) || source['type'] !== 'base64') return undefined;
        return imageMediaTypes.has(String(source['media_type']))
          ? undefined
          : `${path}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`;
      }),
    ),
  },
  {
    id: 'anthropic.image.data-matches-media-type',
    // "messages.6.content.5.image.source.base64.data: Image does not match the provided media type image/png"
    // (recorded 400 bodies in github.com/anthropics/claude-code/issues/15746 and #12015, image/jpeg): the data's
    // format must be the one declared.
    source: 'github.com/anthropics/claude-code/issues/15746 (recorded 400 body)',
    check: onBody((body) =>
      firstOf(everyBlock(body), ({ path, block }) => {
        const source = block['source'];
        if (blockType(block) !== 'image' || !isRecord(source) || source['type'] !== 'base64' || typeof source['data'] !== 'string') return undefined;
        const format = imageDataFormat(source['data']);
        return format === undefined || source['media_type'] === `image/${format}`
          ? undefined
          : `${path}.image.source.base64.data: Image does not match the provided media type ${String(source['media_type'])}`;
      }),
    ),
  },
  {
    id: 'anthropic.image.base64-data',
    // https://docs.claude.com/en/docs/build-with-claude/vision: a base64 image source carries "type": "base64",
    // "media_type" and "data" (the base64-encoded image).
    source: 'docs.claude.com/en/docs/build-with-claude/vision (base64 source: data is base64)',
    check: onBody((body) =>
      firstOf(everyBlock(body), ({ path, block }) => {
        const source = block['source'];
        if (blockType(block) !== 'image' || !isRecord(source) || source['type'] !== 'base64') return undefined;
        const data = source['data'];
        return typeof data === 'string' && data.length > 0 && base64Alphabet.test(data) ? undefined : `${path}.image.source.base64: invalid base64 data`;
      }),
    ),
  },
  {
    id: 'anthropic.image.count',
    source: 'platform.claude.com/docs/en/build-with-claude/vision (up to 600 images per API request, 100 for models with a 200k-token context window)',
    check: onBody((body) => {
      const images = everyBlock(body).filter(({ block }) => blockType(block) === 'image').length;
      const maximum = maximumImages(body['model']);
      return images > maximum ? `messages: Too many images: ${images}; at most ${maximum} images are allowed per request` : undefined;
    }),
  },
  {
    id: 'anthropic.image.dimensions',
    // Past the limit the image is refused, not scaled: "messages.7.content.2.image.source.base64.data: At least one of
    // the image dimensions exceed max allowed size: 8000 pixels" (github.com/anthropics/claude-code/issues/4778), and
    // "… exceed max allowed size for many-image requests: 2000 pixels" (#49537), where every image block counts.
    source: 'platform.claude.com/docs/en/build-with-claude/vision; github.com/anthropics/claude-code/issues/4778, #49537 (recorded 400 bodies)',
    check: onBody((body) => {
      const many = everyBlock(body).filter(({ block }) => blockType(block) === 'image').length > manyImages.count;
      const limit = many ? manyImages.maximumSide : maximumSide;
      return firstOf(base64Images(body), ({ path, data }) => {
        const pixels = pixelsOf(data);
        if (pixels === undefined || (pixels.width <= limit && pixels.height <= limit)) return undefined;
        return `${path}.image.source.base64.data: At least one of the image dimensions exceed max allowed size${many ? ' for many-image requests' : ''}: ${limit} pixels`;
      });
    }),
  },
  {
    id: 'anthropic.image.size',
    // "messages.8.content.0.tool_result.content.0.image.source.base64: image exceeds 5 MB maximum: 17699328 bytes >
    // 5242880 bytes" (github.com/anthropics/claude-code/issues/8227): counted on the base64 text.
    source: 'github.com/anthropics/claude-code/issues/8227, #10612 (recorded 400 bodies)',
    check: onBody((body) =>
      firstOf(base64Images(body), ({ path, data }) =>
        data.length > maximumBase64Length ? `${path}.image.source.base64: image exceeds 5 MB maximum: ${data.length} bytes > ${maximumBase64Length} bytes` : undefined,
      ),
    ),
  },
];
