import type { VendorRule } from '../rule.js';
import { bodyModel, field } from './model-name.js';

/** Claude models that take `temperature` or `top_p`, never both. */
const oneSamplerModels = /^claude-(?:sonnet-4-5|haiku-4-5|opus-4-1|opus-4-5|sonnet-4-6|opus-4-6)$/;

export const anthropicModelRules: VendorRule[] = [
  {
    id: 'anthropic.model.temperature-with-top-p',
    // "Use only temperature OR top_p, not both" (Sonnet 4.5 and Haiku 4.5:
    // https://platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4); Opus 4.1 "has the same
    // constraint" (https://github.com/open-webui/functions/pull/9). The error text as answered to Sonnet 4.5
    // (https://github.com/fwdai/reticle/issues/7) and Sonnet 4.6 (https://github.com/Vali-98/ChatterUI/issues/564).
    source: 'platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4; github.com/Vali-98/ChatterUI/issues/564',
    check: (request) => {
      const model = bodyModel(request);
      if (model === undefined || !oneSamplerModels.test(model)) return undefined;
      return field(request, 'temperature') !== undefined && field(request, 'top_p') !== undefined
        ? '`temperature` and `top_p` cannot both be specified for this model. Please use only one.'
        : undefined;
    },
  },
  {
    id: 'anthropic.model.sampling-removed',
    // Opus 4.7 "no longer accepts temperature, top_p, or top_k"
    // (https://openrouter.ai/docs/guides/evaluate-and-optimize/model-migrations/claude-4-7); Anthropic answers
    // "`temperature` is deprecated for this model." (https://github.com/Comfy-Org/ComfyUI/issues/13923).
    source: 'github.com/Comfy-Org/ComfyUI/issues/13923',
    check: (request) => {
      if (bodyModel(request) !== 'claude-opus-4-7') return undefined;
      const sent = ['temperature', 'top_p', 'top_k'].find((name) => field(request, name) !== undefined);
      return sent === undefined ? undefined : `\`${sent}\` is deprecated for this model.`;
    },
  },
];
