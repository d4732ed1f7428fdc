/**
 * Claude's beta switches: the one `thinking.block_binding` needs, wherever a platform carries betas,
 * and which betas Bedrock and Vertex AI have enabled at all. Anthropic's API takes unknown dated
 * betas it no longer needs; the two clouds refuse the whole request for any beta they have not
 * enabled.
 */
import { type JudgedRequest } from '../rule.js';
import { field } from '../models/model-name.js';

export const thinkingBindingBeta = 'thinking-binding-controls-2026-08-01';

/**
 * `thinking.block_binding` is a beta: "Set thinking.block_binding.prefix_mismatch_behavior to \"drop_block\" and send
 * the beta header anthropic-beta: thinking-binding-controls-2026-08-01 … If the error still asks for the header, the
 * header didn't arrive" (platform.claude.com/docs/en/build-with-claude/preserved-thinking/fix-bound-to-a-different-conversation);
 * the refusal's last sentence, "This setting requires the value `thinking-binding-controls-2026-08-01` in the
 * `anthropic-beta` header.", as quoted in apidog.com/de/blog/claude-fable-5-1-preserved-thinking (translated back).
 */
export const blockBindingSource = 'platform.claude.com/docs/en/build-with-claude/preserved-thinking/fix-bound-to-a-different-conversation';

/** The refusal of a block binding sent without its beta among `betas`, or undefined. */
export function blockBindingWithoutBeta(request: JudgedRequest, betas: readonly string[]): string | undefined {
  if (field(request, 'thinking', 'block_binding') === undefined) return undefined;
  return betas.includes(thinkingBindingBeta) ? undefined : 'thinking.block_binding: This setting requires the value `thinking-binding-controls-2026-08-01` in the `anthropic-beta` header.';
}

/** The names in an `anthropic-beta` header, comma-separated. */
export function headerBetas(request: JudgedRequest): string[] {
  const value = request.headers['anthropic-beta'];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.split(',').map((beta) => beta.trim()).filter((beta) => beta !== '');
}

/**
 * The betas each cloud has enabled for Claude: the values the "bedrock", "bedrock_converse" and "vertex_ai" maps of
 * BerriAI/litellm's litellm/anthropic_beta_headers_config.json forward (a beta mapped to null is refused
 * there), and for Bedrock also the flags BerriAI/litellm#19877 lists "per AWS docs". Neither lists
 * `extended-cache-ttl-2025-04-11`, which Bedrock refused (github.com/anthropics/claude-code/issues/56595).
 */
export const betasEnabledOn = {
  bedrock: new Set([
    'computer-use-2024-10-22',
    'computer-use-2025-01-24',
    'computer-use-2025-11-24',
    'token-efficient-tools-2025-02-19',
    'interleaved-thinking-2025-05-14',
    'output-128k-2025-02-19',
    'dev-full-thinking-2025-05-14',
    'context-1m-2025-08-07',
    'context-management-2025-06-27',
    'effort-2025-11-24',
    'tool-search-tool-2025-10-19',
    'tool-examples-2025-10-29',
    'compact-2026-01-12',
    'dangerous-tool-use-2026-09-03',
    'fine-grained-tool-streaming-2025-05-14',
    'mid-conversation-output-config-2026-07-01',
    'mid-conversation-tool-changes-2026-07-01',
    'thinking-display-updates-2026-08-18',
    thinkingBindingBeta,
  ]),
  // Converse takes them in `additionalModelRequestFields.anthropic_beta`; the "bedrock_converse" map.
  bedrockConverse: new Set([
    'computer-use-2025-01-24',
    'computer-use-2025-11-24',
    'context-1m-2025-08-07',
    'effort-2025-11-24',
    'fine-grained-tool-streaming-2025-05-14',
    'structured-outputs-2025-11-13',
    'thinking-display-updates-2026-08-18',
    thinkingBindingBeta,
  ]),
  vertex: new Set([
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
  ]),
} as const;

export const enabledBetasSource = 'github.com/BerriAI/litellm litellm/anthropic_beta_headers_config.json ("bedrock", "bedrock_converse", "vertex_ai"); github.com/BerriAI/litellm/pull/19877';
