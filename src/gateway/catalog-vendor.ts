import { rulesFor, type RuleVendor } from '../catalog/model-rules.js';
import { bedrockModelVendor, undatedModelId } from '../catalog/model-id.js';
import type { ProviderConfig } from '../config/resolved-config.js';

/**
 * The catalog's vendor behind a provider: OpenAI, Anthropic or Google when the provider speaks
 * their API and is no preset of a compatible service (DeepSeek, vLLM, OpenRouter: models of the
 * same name there may take other parameters), or Amazon for Nova on Bedrock (known by the model
 * rules alone), or xAI, Groq, Alibaba, DeepSeek and Moonshot through their own APIs (the `xai`, `groq`,
 * `qwen`, `deepseek` and `moonshot` presets, their models' own rules), or OpenAI for an Azure
 * deployment named after an OpenAI model (azureDeploymentVendor). Otherwise none, and only
 * `catalog:` entries apply (an entry's `baseModel` brings that model's vendor: ModelCatalog.baseOf).
 */
export function catalogVendorOf(provider: Pick<ProviderConfig, 'dialect' | 'preset'>, model?: string): RuleVendor | undefined {
  if (provider.preset === 'xai') return 'xai';
  if (provider.preset === 'groq') return 'groq';
  if (provider.preset === 'qwen') return 'alibaba';
  if (provider.preset === 'deepseek') return 'deepseek';
  if (provider.preset === 'moonshot') return 'moonshot';
  if (provider.preset === 'mistral') return 'mistral';
  if (provider.preset === 'zhipu') return 'zhipu';
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
    case 'azure-openai':
    case 'azure-openai-responses':
      return model === undefined ? undefined : azureDeploymentVendor(model);
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

/**
 * On Azure a model is the name of a deployment the customer chose. Azure names a new deployment
 * after its model unless told otherwise (the recorded ones are `deployments/gpt-5-mini`:
 * test/fixtures/recorded/azure-openai, fantasy-gpt5mini-chat-tool.i0), and such a deployment refuses
 * what OpenAI's model refuses, in OpenAI's words (an o-series deployment: "Unsupported parameter:
 * 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
 * https://github.com/lobehub/lobehub/issues/5909). So a name OpenAI's rules know (model-rules.ts)
 * gets OpenAI's facts; a `catalog:` entry of the same name still overrides them. Any other name
 * (`prod-o3`) implies no vendor here: its `catalog:` entry says what it takes, or names the model
 * behind it (`baseModel: o3`), whose vendor the catalog then finds by the model, OpenAI's first
 * (ModelCatalog.baseOf), so such a deployment has OpenAI's facts, rules and price for it.
 */
function azureDeploymentVendor(deployment: string): RuleVendor | undefined {
  return rulesFor('openai', undatedModelId(deployment)).length > 0 ? 'openai' : undefined;
}
