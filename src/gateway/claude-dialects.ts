import type { IncomingHttpHeaders } from 'node:http';

/** Claude's Messages API and the clouds that serve it with its body. */
const claudeMessagesDialects: ReadonlySet<string> = new Set(['anthropic', 'bedrock-anthropic', 'vertex-anthropic']);

/** Callers whose betas come in an `anthropic-beta` header (Anthropic's SDK, and Vertex's, which keeps the header). */
const headerBetaCallers: ReadonlySet<string> = new Set(['anthropic', 'vertex-anthropic']);

/**
 * Whether an upstream dialect can ask Claude to drop a stale thinking block (`thinking.block_binding`
 * and its beta): the Messages body's dialects, and Bedrock's Converse in its model fields.
 */
export function bindsThinkingBlocks(dialect: string): boolean {
  return claudeMessagesDialects.has(dialect) || dialect === 'bedrock';
}

/**
 * The betas a Claude caller asked for, to be carried to a Claude upstream of another dialect (a
 * caller of Anthropic's API served by Claude on Bedrock, say), which sends those it takes where
 * it reads them. A caller of the upstream's own dialect has its headers forwarded as they are;
 * other upstreams have no use for Claude's switches.
 */
export function callerBetasFor(caller: { dialect: string; headers: IncomingHttpHeaders } | undefined, upstreamDialect: string): string[] {
  if (caller === undefined || caller.dialect === upstreamDialect || !headerBetaCallers.has(caller.dialect) || !claudeMessagesDialects.has(upstreamDialect)) return [];
  const value = caller.headers['anthropic-beta'];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.split(',').map((beta) => beta.trim()).filter((beta) => beta !== '');
}
