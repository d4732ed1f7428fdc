import type { RuleVendor } from '../catalog/model-rules.js';
import { bedrockModelVendor } from '../catalog/model-id.js';
import type { ProviderConfig } from '../config/resolved-config.js';

/**
 * The catalog's vendor behind a provider: OpenAI, Anthropic or Google when the provider speaks
 * their API and is no preset of a compatible service (DeepSeek, vLLM, OpenRouter: models of the
 * same name there may take other parameters), or Amazon for Nova on Bedrock (known by the model
 * rules alone), or xAI, Groq, Alibaba, DeepSeek and Moonshot through their own APIs (the `xai`, `groq`,
 * `qwen`, `deepseek` and `moonshot` presets, their models' own rules). Otherwise none, and only
 * `catalog:` entries apply.
 */
export function catalogVendorOf(provider: Pick<ProviderConfig, 'dialect' | 'preset'>, model?: string): RuleVendor | undefined {
  if (provider.preset === 'xai') return 'xai';
  if (provider.preset === 'groq') return 'groq';
  if (provider.preset === 'qwen') return 'alibaba';
  if (provider.preset === 'deepseek') return 'deepseek';
  if (provider.preset === 'moonshot') return 'moonshot';
  if (provider.preset !== undefined) return undefined;
  switch (provider.dialect) {
    case 'openai-chat':
    case 'openai-responses':
    case 'openai-completions':
      return 'openai';
    case 'anthropic':
    case 'vertex-anthropic':
      return 'anthropic';
    case 'gemini':
    case 'vertex':
      return 'google';
    // An Azure model is the name of a deployment the customer chose, not a model id.
    case 'azure-openai':
    case 'azure-openai-responses':
      return undefined;
    // Claude through InvokeModel; through Converse, any vendor's model, named in its id (model-id.ts).
    case 'bedrock-anthropic':
      return 'anthropic';
    case 'bedrock': {
      const vendor = model === undefined ? undefined : bedrockModelVendor(model);
      return vendor === 'anthropic' || vendor === 'openai' || vendor === 'amazon' ? vendor : undefined;
    }
    case 'ollama':
    case 'ollama-generate':
    case 'chathub':
    case 'onebot':
      return undefined;
    default: {
      const unhandled: never = provider.dialect;
      throw new Error(`unhandled dialect ${String(unhandled)}`);
    }
  }
}
