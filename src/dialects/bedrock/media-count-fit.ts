/**
 * Converse's images and documents within Bedrock's count for a Claude model (core/claude-image-count.ts,
 * bedrockClaudeMaxMedia): an image is an `image` block, a document a `document` block, in a turn's
 * content or a `toolResult`'s (API_runtime_ContentBlock, API_runtime_ToolResultContentBlock); the
 * earliest images past the count become a text note (bedrock-family/media-count.ts). Run after the
 * documents are fitted (document-fit.ts), so those it left out do not count.
 */
import type { Warning } from '../../interlingua/warning.js';
import { bedrockClaudeMaxMedia } from '../../core/claude-image-count.js';
import { fitMediaCount, leftOutImageText, type MediaShape } from '../bedrock-family/media-count.js';
import type { EmittedTurn } from './messages-emit.js';
import { isClaude } from './thinking.js';
import { isPlainObject } from './vendor-data.js';

const converseShape: MediaShape = {
  isImage: (block) => isPlainObject(block['image']),
  isDocument: (block) => isPlainObject(block['document']),
  nested: (block) => {
    const result = block['toolResult'];
    return isPlainObject(result) && Array.isArray(result['content']) ? (result['content'] as Array<Record<string, unknown>>) : undefined;
  },
  note: () => ({ text: leftOutImageText }),
};

export function fitConverseMediaCount(turns: EmittedTurn[], model: string, warnings: Warning[]): void {
  const limit = isClaude(model) ? bedrockClaudeMaxMedia(model) : undefined;
  if (limit !== undefined) fitMediaCount(turns.map((turn) => turn.content), limit, converseShape, warnings);
}
