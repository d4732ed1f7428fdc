/**
 * Reading an Anthropic Messages body the way the vendor's validator does: message content may be
 * a string or a list of blocks, and the rules name a place by its path (`messages.2.content.0`),
 * as Anthropic's error messages do.
 */
import { isRecord, pathOf, type JudgedRequest } from '../rule.js';

export type Block = Record<string, unknown>;

export interface Turn {
  index: number;
  role: unknown;
  /** The content as blocks: a string is one text block, as the vendor reads it. */
  blocks: Block[];
}

/** `POST /v1/messages/count_tokens`: the Messages body without `max_tokens` (https://docs.anthropic.com/en/api/messages-count-tokens). */
export function isCountTokens(request: JudgedRequest): boolean {
  return pathOf(request).endsWith('/v1/messages/count_tokens');
}

export function bodyOf(request: JudgedRequest): Record<string, unknown> | undefined {
  return isRecord(request.body) ? request.body : undefined;
}

/** The turns of a well-shaped `messages` list; the shape rules run first and refuse anything else. */
export function turnsOf(body: Record<string, unknown> | undefined): Turn[] {
  if (body === undefined || !Array.isArray(body['messages'])) return [];
  return body['messages'].flatMap((message: unknown, index) => {
    if (!isRecord(message)) return [];
    const content = message['content'];
    if (typeof content === 'string') return [{ index, role: message['role'], blocks: [{ type: 'text', text: content }] }];
    const blocks = Array.isArray(content) ? content.filter(isRecord) : [];
    return [{ index, role: message['role'], blocks }];
  });
}

export function blockType(block: Block | undefined): string | undefined {
  const type = block?.['type'];
  return typeof type === 'string' ? type : undefined;
}

/** The blocks nested in a tool result's `content`, which may hold text and images too. */
export function nestedBlocks(block: Block): Block[] {
  const content = block['content'];
  return blockType(block) === 'tool_result' && Array.isArray(content) ? content.filter(isRecord) : [];
}

/** `thinking` with `type: "enabled"`, the mode with a `budget_tokens` (https://docs.claude.com/en/docs/build-with-claude/extended-thinking). */
export function thinkingEnabled(body: Record<string, unknown> | undefined): boolean {
  const thinking = body?.['thinking'];
  return isRecord(thinking) && thinking['type'] === 'enabled';
}

/** Runs `check` on the body when there is one. */
export function onBody(check: (body: Record<string, unknown>, request: JudgedRequest) => string | undefined) {
  return (request: JudgedRequest): string | undefined => {
    const body = bodyOf(request);
    return body === undefined ? undefined : check(body, request);
  };
}

/** The first message `find` returns over the items, or undefined. */
export function firstOf<T>(items: readonly T[], find: (item: T, index: number) => string | undefined): string | undefined {
  for (const [index, item] of items.entries()) {
    const found = find(item, index);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A field that should be a list, or an empty one when it is not. */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
