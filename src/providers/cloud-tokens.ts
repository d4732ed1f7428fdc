import type { TokenCredential } from '@azure/identity';
import { AzureTokens } from './azure-tokens.js';
import { GoogleTokens } from './google-tokens.js';

/**
 * The access tokens cloud providers are called with: Microsoft Entra ID for Azure OpenAI, Google
 * OAuth for Vertex AI. Each is made once per gateway, so every provider shares its cache.
 */
export class CloudTokens {
  readonly azure: AzureTokens;
  readonly google = new GoogleTokens();

  /** `azureCredential`: an Entra ID credential other than the default chain (programs that embed the gateway). */
  constructor(options: { azureCredential?: TokenCredential } = {}) {
    this.azure = new AzureTokens(options.azureCredential);
  }
}
