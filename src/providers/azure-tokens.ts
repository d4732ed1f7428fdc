import type { TokenCredential } from '@azure/identity';
import { InterlinguaError } from '../interlingua/error.js';

/**
 * The scope of Azure OpenAI's Entra ID tokens (node_modules/openai/README.md, "Microsoft Azure
 * OpenAI": `const scope = 'https://cognitiveservices.azure.com/.default'`).
 */
export const azureOpenaiScope = 'https://cognitiveservices.azure.com/.default';

/**
 * @azure/identity and MSAL (some 250 modules, 20 MB), loaded with the first token: only Azure
 * providers with `auth: { type: entra }` need them, and a gateway configured with one loads them
 * at start (src/gateway/configured-packages.ts).
 */
export function loadAzureIdentity(): Promise<typeof import('@azure/identity')> {
  return import('@azure/identity');
}

/**
 * Microsoft Entra ID access tokens for Azure OpenAI providers with `auth: { type: entra }`, from
 * `DefaultAzureCredential` (environment, workload identity, managed identity, Azure CLI, …)
 * through `getBearerTokenProvider`, which keeps a token and fetches the next before the current
 * one expires (https://learn.microsoft.com/azure/foundry-classic/openai/how-to/migration-javascript:
 * "This function creates a token provider that AzureOpenAI uses internally to obtain tokens for
 * each request"). One provider of tokens serves every Entra-authenticated Azure provider.
 */
export class AzureTokens {
  private provider: (() => Promise<string>) | undefined;

  /** `credential`: another Entra ID credential than the default chain (programs that embed the gateway). */
  constructor(private readonly credential?: TokenCredential) {}

  async token(providerName: string): Promise<string> {
    if (this.provider === undefined) {
      const { DefaultAzureCredential, getBearerTokenProvider } = await loadAzureIdentity();
      this.provider ??= getBearerTokenProvider(this.credential ?? new DefaultAzureCredential(), azureOpenaiScope);
    }
    try {
      return await this.provider();
    } catch (error) {
      // The gateway's own configuration is at fault, not the caller: another deployment may serve.
      throw new InterlinguaError('internal', `${providerName}: no Microsoft Entra ID token for Azure OpenAI.`, {
        retryable: true,
        cause: error,
        logFields: { cause: error instanceof Error ? error.message : String(error) },
      });
    }
  }
}
