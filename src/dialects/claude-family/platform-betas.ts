/**
 * The Anthropic codec asks for the beta switches its body needs, and those a caller of Claude's
 * Messages API asked for, in an `anthropic-beta` header (anthropic/request-emit.ts); the Converse
 * codec asks for them in `additionalModelRequestFields.anthropic_beta` (bedrock/request-emit.ts,
 * bedrock/thinking.ts). Claude on Bedrock and
 * on Vertex AI takes only the betas each platform has enabled and refuses the whole request for
 * any other: Bedrock with a 400 ValidationException
 * "invalid beta flag" (https://github.com/anthropics/claude-code/issues/56595, whose refused list
 * held `extended-cache-ttl-2025-04-11`), Vertex with "Unexpected value(s) `…` for the
 * `anthropic-beta` header" (https://github.com/anthropics/claude-code/issues/12429). So each
 * platform gets the betas it takes, and no other.
 */
import type { Warning } from '../../interlingua/warning.js';

export type ClaudePlatform = 'Bedrock' | 'Bedrock Converse' | 'Vertex AI';

/** The beta `thinking.block_binding` needs ("This setting requires the value … in the anthropic-beta header"). */
export const thinkingBindingBeta = 'thinking-binding-controls-2026-08-01';

/** What a platform does with a beta it is asked for. */
type BetaOnPlatform = 'taken' | 'not needed';

/**
 * The 1-hour cache tier needs no beta on either cloud. Bedrock serves `cache_control: {type: "ephemeral",
 * ttl: "1h"}` as it is: "Bedrock supports 1-hour TTL (ephemeral with ttl: \"1h\")", with 1-hour cache writes
 * in the usage of such requests (https://github.com/anthropics/claude-code/issues/32671). Vertex: "By default
 * the cache lifetime (TTL) is 5 minutes. Set \"ttl\": \"1h\" in the cache_control object to extend it to one
 * hour" (https://docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/prompt-caching?hl=ja,
 * translated).
 */
const notNeeded = ['extended-cache-ttl-2025-04-11'];

/**
 * The betas each cloud has enabled for Claude: those the "bedrock", "bedrock_converse" and
 * "vertex_ai" maps of LiteLLM's litellm/anthropic_beta_headers_config.json forward unchanged
 * (among them the block binding's, thinking-binding-controls-2026-08-01), and for Bedrock also the
 * flags BerriAI/litellm#19877 lists "per AWS docs". A beta is sent under another name only where
 * the platform is documented to name it so (`renamed`, below). `effort-2025-11-24` is left out on Bedrock, with a warning: Opus 4.7 there
 * refuses it as an invalid beta flag (https://github.com/anthropics/claude-code/issues/49370), and
 * one refused beta fails the whole request.
 */
const enabled: Record<ClaudePlatform, readonly string[]> = {
  Bedrock: [
    'computer-use-2024-10-22',
    'computer-use-2025-01-24',
    'computer-use-2025-11-24',
    'token-efficient-tools-2025-02-19',
    'interleaved-thinking-2025-05-14',
    'output-128k-2025-02-19',
    'dev-full-thinking-2025-05-14',
    'context-1m-2025-08-07',
    'context-management-2025-06-27',
    'tool-search-tool-2025-10-19',
    'tool-examples-2025-10-29',
    'compact-2026-01-12',
    'dangerous-tool-use-2026-09-03',
    'fine-grained-tool-streaming-2025-05-14',
    'mid-conversation-output-config-2026-07-01',
    'mid-conversation-tool-changes-2026-07-01',
    'thinking-display-updates-2026-08-18',
    thinkingBindingBeta,
  ],
  // Converse takes them in `additionalModelRequestFields.anthropic_beta`; the "bedrock_converse" map.
  'Bedrock Converse': [
    'computer-use-2025-01-24',
    'computer-use-2025-11-24',
    'context-1m-2025-08-07',
    'fine-grained-tool-streaming-2025-05-14',
    'structured-outputs-2025-11-13',
    'thinking-display-updates-2026-08-18',
    thinkingBindingBeta,
  ],
  'Vertex AI': [
    'tool-search-tool-2025-10-19',
    'compact-2026-01-12',
    'compact-2026-09-04',
    'computer-use-2025-01-24',
    'computer-use-2025-11-24',
    'context-1m-2025-08-07',
    'context-management-2025-06-27',
    'dangerous-tool-use-2026-09-03',
    'interleaved-thinking-2025-05-14',
    'per-turn-control-2026-07-01',
    'thinking-display-updates-2026-08-18',
    'web-search-2025-03-05',
    thinkingBindingBeta,
  ],
};

/**
 * Betas a platform takes under a name of its own. Tool search is `advanced-tool-use-2025-11-20` on
 * Claude's API and `tool-search-tool-2025-10-19` on Vertex AI and on Bedrock, where only InvokeModel
 * serves it, "not the converse API" (https://platform.claude.com/docs/en/agents-and-tools/tool-use/tool-search-tool,
 * the table of beta headers by provider; on Bedrock also aws-samples/anthropic-on-aws, "Getting Started with the
 * Tool Search Tool in Amazon Bedrock": "gated behind the beta header `tool-search-tool-2025-10-19`"). Without it,
 * the clouds refuse the deferred tools: "tools.0.custom.defer_loading: Extra inputs are not permitted"
 * (https://github.com/anthropics/claude-code/issues/31033, the same refusal from Anthropic's API).
 */
const renamed: Record<ClaudePlatform, Readonly<Record<string, string>>> = {
  Bedrock: { 'advanced-tool-use-2025-11-20': 'tool-search-tool-2025-10-19' },
  'Bedrock Converse': {},
  'Vertex AI': { 'advanced-tool-use-2025-11-20': 'tool-search-tool-2025-10-19' },
};

function fates(platform: ClaudePlatform): ReadonlyMap<string, BetaOnPlatform> {
  return new Map([...enabled[platform].map((beta) => [beta, 'taken'] as const), ...notNeeded.map((beta) => [beta, 'not needed'] as const)]);
}

const platformBetas: Record<ClaudePlatform, ReadonlyMap<string, BetaOnPlatform>> = {
  Bedrock: fates('Bedrock'),
  'Bedrock Converse': fates('Bedrock Converse'),
  'Vertex AI': fates('Vertex AI'),
};

/**
 * The betas of an emitted `anthropic-beta` header (the body's own and a caller's) that `platform`
 * takes; the rest are left out, with a warning for any whose feature is then lost.
 */
export function betasForPlatform(headers: Record<string, string> | undefined, platform: ClaudePlatform, warnings: Warning[]): string[] {
  return takenBetas((headers?.['anthropic-beta'] ?? '').split(','), platform, warnings);
}

/** Of the betas `asked`, those `platform` takes (under its own name for them), as `betasForPlatform`. */
export function takenBetas(asked: readonly string[], platform: ClaudePlatform, warnings: Warning[]): string[] {
  const taken: string[] = [];
  for (const name of asked.map((entry) => entry.trim()).filter((entry) => entry !== '')) {
    const beta = Object.hasOwn(renamed[platform], name) ? renamed[platform][name]! : name;
    const fate = platformBetas[platform].get(beta);
    if (fate === 'taken') {
      if (!taken.includes(beta)) taken.push(beta);
    } else if (fate === undefined) warnings.push({ type: 'unsupported', feature: 'anthropic-beta', message: `Claude on ${platform} does not take the beta ${beta}; it was left out.` });
  }
  return taken;
}
