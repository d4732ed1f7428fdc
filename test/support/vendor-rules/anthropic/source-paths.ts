import { isRecord } from '../rule.js';

/**
 * Where a Claude body's image or document blocks take their source from `type` (`url`, `file`):
 * `messages.0.content.1`, or `messages.0.content.1.content.0` inside a tool result.
 */
export function sourcePaths(body: unknown, type: string): string[] {
  const messages = isRecord(body) && Array.isArray(body['messages']) ? body['messages'] : [];
  const fromType = (block: unknown): boolean => isRecord(block) && (block['type'] === 'image' || block['type'] === 'document') && isRecord(block['source']) && block['source']['type'] === type;
  return messages.flatMap((message, messageIndex) => {
    const content = isRecord(message) && Array.isArray(message['content']) ? message['content'] : [];
    return content.flatMap((block, blockIndex) => {
      const path = `messages.${messageIndex}.content.${blockIndex}`;
      const inner = isRecord(block) && block['type'] === 'tool_result' && Array.isArray(block['content']) ? block['content'] : [];
      return [...(fromType(block) ? [path] : []), ...inner.flatMap((item, itemIndex) => (fromType(item) ? [`${path}.content.${itemIndex}`] : []))];
    });
  });
}

/** "The Files API is currently not supported on Amazon Bedrock or Google Vertex AI." */
export const filesApiSource = 'https://docs.anthropic.com/en/docs/build-with-claude/files';

/**
 * A Files API `file_id` on a cloud platform, which has no Files API. The platforms' own wording
 * of the refusal is not on record, so the message says the rule.
 */
export function fileSourceRefusal(body: unknown, platform: string): string | undefined {
  const path = sourcePaths(body, 'file')[0];
  return path === undefined ? undefined : `${path}.source: file sources (Anthropic's Files API) are not supported on ${platform}`;
}
