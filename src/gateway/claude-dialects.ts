import type { IncomingHttpHeaders } from 'node:http';

/**
 * Upstream dialects that serve Claude with its thinking settings and beta switches: Claude's
 * Messages API, the clouds that take its body (Bedrock's InvokeModel, Vertex AI), and Bedrock's
 * Converse, which takes both in its model fields for a Claude model.
 */
const claudeUpstreams: ReadonlySet<string> = new Set(['anthropic', 'bedrock-anthropic', 'vertex-anthropic', 'bedrock']);

/** Whether an upstream dialect can ask Claude to drop a stale thinking block (`thinking.block_binding` and its beta). */
export function bindsThinkingBlocks(dialect: string): boolean {
  return claudeUpstreams.has(dialect);
}

/**
 * The betas a caller of Claude's Messages API asked for in its `anthropic-beta` header (Anthropic's
 * SDK, and Vertex's, whose Claude routes are read as Anthropic's: cloud-routes.ts), to be carried to
 * a Claude upstream of another dialect (Claude on Bedrock, say), which sends those it takes where it
 * reads them. A caller of the upstream's own dialect has its headers forwarded as they are; other
 * upstreams have no use for Claude's switches.
 */
export function callerBetasFor(caller: { dialect: string; headers: IncomingHttpHeaders } | undefined, upstreamDialect: string): string[] {
  if (caller?.dialect !== 'anthropic' || upstreamDialect === 'anthropic' || !claudeUpstreams.has(upstreamDialect)) return [];
  const value = caller.headers['anthropic-beta'];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.split(',').map((beta) => beta.trim()).filter((beta) => beta !== '');
}
