/**
 * The Anthropic codec asks for the beta switches its body needs in an `anthropic-beta` header
 * (request-emit.ts). Claude on Bedrock and on Vertex AI takes only the betas each platform has
 * enabled and refuses the whole request for any other: Bedrock with a 400 ValidationException
 * "invalid beta flag" (https://github.com/anthropics/claude-code/issues/56595, whose refused list
 * held `extended-cache-ttl-2025-04-11`), Vertex with "Unexpected value(s) `…` for the
 * `anthropic-beta` header" (https://github.com/anthropics/claude-code/issues/12429). So each
 * platform gets the codec's betas it takes, and no other.
 */
import type { Warning } from '../../interlingua/warning.js';

export type ClaudePlatform = 'Bedrock' | 'Vertex AI';

/** What a platform does with a beta the codec asks for. */
type BetaOnPlatform = 'taken' | 'not needed';

const platformBetas: Record<ClaudePlatform, ReadonlyMap<string, BetaOnPlatform>> = {
  Bedrock: new Map<string, BetaOnPlatform>([
    // Enabled on Bedrock's InvokeModel and on Vertex: BerriAI/litellm, litellm/anthropic_beta_headers_config.json,
    // whose "bedrock" and "vertex_ai" maps send `thinking-binding-controls-2026-08-01` as it is.
    ['thinking-binding-controls-2026-08-01', 'taken'],
    // Bedrock serves `cache_control: {type: "ephemeral", ttl: "1h"}` without a beta: "Bedrock supports 1-hour TTL
    // (ephemeral with ttl: \"1h\")", with 1-hour cache writes shown in the usage of such requests
    // (https://github.com/anthropics/claude-code/issues/32671).
    ['extended-cache-ttl-2025-04-11', 'not needed'],
  ]),
  'Vertex AI': new Map<string, BetaOnPlatform>([
    ['thinking-binding-controls-2026-08-01', 'taken'],
    // "By default the cache lifetime (TTL) is 5 minutes. Set \"ttl\": \"1h\" in the cache_control object to extend
    // it to one hour" (https://docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/prompt-caching?hl=ja,
    // translated): no beta.
    ['extended-cache-ttl-2025-04-11', 'not needed'],
  ]),
};

/**
 * The betas of an emitted `anthropic-beta` header that `platform` takes; the rest are left out,
 * with a warning for any whose feature is then lost.
 */
export function betasForPlatform(headers: Record<string, string> | undefined, platform: ClaudePlatform, warnings: Warning[]): string[] {
  const asked = (headers?.['anthropic-beta'] ?? '').split(',').map((beta) => beta.trim()).filter((beta) => beta !== '');
  const taken: string[] = [];
  for (const beta of asked) {
    const fate = platformBetas[platform].get(beta);
    if (fate === 'taken') taken.push(beta);
    else if (fate === undefined) warnings.push({ type: 'unsupported', feature: 'anthropic-beta', message: `Claude on ${platform} does not take the beta ${beta}; it was left out.` });
  }
  return taken;
}
