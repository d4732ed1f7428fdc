import type { SignatureV4 } from '@smithy/signature-v4';
import { InterlinguaError } from '../interlingua/error.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

/**
 * The signer and the credential chain, loaded with the first signature (some 15 MB): only Bedrock
 * providers without an API key sign. A gateway configured with one loads them at start
 * (src/gateway/configured-packages.ts), so a missing package stops the start as it did.
 */
export async function loadAwsSigningPackages() {
  const [{ defaultProvider }, { Hash }, { SignatureV4 }] = await Promise.all([
    import('@aws-sdk/credential-provider-node'),
    import('@smithy/hash-node'),
    import('@smithy/signature-v4'),
  ]);
  return { defaultProvider, Hash, SignatureV4 };
}

/** Where AWS credentials come from; the chain refreshes temporary ones before they expire. */
export type AwsCredentialSource = () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;

/**
 * AWS Signature Version 4 for Bedrock requests, by Smithy's signer, the one the AWS SDK uses:
 * service `bedrock` (the signing name of @aws-sdk/client-bedrock-runtime), the provider's
 * region, and credentials from the AWS default chain — environment, SSO, web identity, shared
 * files, container and instance roles — cached and refreshed by the chain itself
 * (@aws-sdk/credential-provider-node, `defaultProvider`). The signature covers the body, so it
 * is made per request, after the body is written.
 */
export class AwsRequestSigner {
  private readonly signers = new Map<string, SignatureV4>();
  private credentials: AwsCredentialSource | undefined;

  /** `credentialSource`: a source other than the default chain (programs that embed the gateway). */
  constructor(private readonly credentialSource?: AwsCredentialSource) {}

  async sign(endpoint: UpstreamEndpoint, body: string, region: string, provider: string): Promise<UpstreamEndpoint> {
    const url = new URL(endpoint.url);
    const request = {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...endpoint.headers, host: url.host },
      body,
    };
    const signer = await this.signer(region);
    try {
      const signed = await signer.sign(request);
      return { url: endpoint.url, headers: signed.headers };
    } catch (error) {
      // The gateway's own configuration is at fault, not the caller: another deployment may serve.
      throw new InterlinguaError('internal', `${provider}: no AWS credentials to sign the request with.`, {
        retryable: true,
        cause: error,
        logFields: { cause: error instanceof Error ? error.message : String(error) },
      });
    }
  }

  private async signer(region: string): Promise<SignatureV4> {
    let signer = this.signers.get(region);
    if (signer === undefined) {
      const { defaultProvider, Hash, SignatureV4 } = await loadAwsSigningPackages();
      // Another request may have made it while the packages loaded.
      signer = this.signers.get(region);
      if (signer !== undefined) return signer;
      this.credentials ??= this.credentialSource ?? defaultProvider();
      signer = new SignatureV4({ service: 'bedrock', region, credentials: this.credentials, sha256: Hash.bind(null, 'sha256') });
      this.signers.set(region, signer);
    }
    return signer;
  }
}
