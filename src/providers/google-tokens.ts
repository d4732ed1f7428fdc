import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InterlinguaError } from '../interlingua/error.js';

/**
 * The OAuth scope Vertex AI takes (https://cloud.google.com/vertex-ai/docs/reference/rest:
 * "https://www.googleapis.com/auth/cloud-platform").
 */
export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';

/** Where google-auth-library posts every service-account assertion, whatever the key file says (gtoken/getToken.js, `GOOGLE_TOKEN_URL`). */
const libraryTokenUrl = 'https://oauth2.googleapis.com/token';

/**
 * google-auth-library (some 100 modules, 12 MB), loaded with the first token: only Vertex providers
 * need it, and a gateway configured with one loads it at start (src/gateway/configured-packages.ts).
 */
export function loadGoogleAuth(): Promise<typeof import('google-auth-library')> {
  return import('google-auth-library');
}

/** The fields of a service-account key file the token exchange needs. */
const serviceAccountSchema = z.looseObject({
  type: z.literal('service_account'),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.url().optional(),
});

/** Something that hands out access tokens and refreshes them before they expire. */
interface TokenClient {
  getAccessToken(): Promise<{ token?: string | null }>;
}

/**
 * OAuth access tokens for Vertex AI providers, from google-auth-library, which caches each token
 * and refreshes it before it expires (`eagerRefreshThresholdMillis`, five minutes by default).
 * With `credentialsFile`, the service account in that file; without it, Application Default
 * Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's user credentials, the metadata server).
 *
 * A service account's key file names its token endpoint in `token_uri`, and the JWT-bearer grant
 * posts the signed assertion there with the endpoint as the assertion's audience
 * (https://developers.google.com/identity/protocols/oauth2/service-account: "aud: A descriptor of
 * the intended target of the assertion. When making an access token request this value is always
 * https://oauth2.googleapis.com/token"). The library posts to Google's address and names it as the
 * audience whatever the file says, so for a file that names another endpoint (a private or
 * sovereign one) the client is given that endpoint: its transport sends the token request there
 * and the assertion names it as audience.
 */
export class GoogleTokens {
  private readonly clients = new Map<string, Promise<TokenClient>>();

  constructor(private readonly environment: Record<string, string | undefined> = process.env) {}

  async token(providerName: string, credentialsFile: string | undefined): Promise<string> {
    try {
      const client = await this.client(credentialsFile);
      const { token } = await client.getAccessToken();
      if (token === undefined || token === null || token === '') throw new Error('the credentials gave no access token');
      return token;
    } catch (error) {
      // The gateway's own configuration is at fault, not the caller: another deployment may serve.
      throw new InterlinguaError('internal', `${providerName}: no Google access token for Vertex AI.`, {
        retryable: true,
        cause: error,
        logFields: { cause: error instanceof Error ? error.message : String(error) },
      });
    }
  }

  /**
   * The client for a key file, or for Application Default Credentials; a key file named by
   * `GOOGLE_APPLICATION_CREDENTIALS` is read as a configured one, so its `token_uri` counts too.
   */
  private client(credentialsFile: string | undefined): Promise<TokenClient> {
    const file = credentialsFile ?? this.environment['GOOGLE_APPLICATION_CREDENTIALS'];
    const key = file ?? '';
    let client = this.clients.get(key);
    if (client === undefined) {
      const made = file === undefined || file === '' ? defaultCredentialsClient() : fileClient(file);
      // Credentials that could not be read are looked for again on the next request.
      made.catch(() => this.clients.delete(key));
      this.clients.set(key, made);
      client = made;
    }
    return client;
  }
}

async function defaultCredentialsClient(): Promise<TokenClient> {
  const { GoogleAuth } = await loadGoogleAuth();
  return new GoogleAuth({ scopes: [cloudPlatformScope] }).getClient();
}

async function fileClient(path: string): Promise<TokenClient> {
  const { GoogleAuth, JWT } = await loadGoogleAuth();
  const json: unknown = JSON.parse(await readFile(path, 'utf8'));
  const account = serviceAccountSchema.safeParse(json);
  // Other kinds of credentials (authorized_user, external_account) are the library's to read.
  if (!account.success) return new GoogleAuth({ keyFile: path, scopes: [cloudPlatformScope] }).getClient();
  const tokenUri = account.data.token_uri ?? libraryTokenUrl;
  const client = new JWT({
    email: account.data.client_email,
    key: account.data.private_key,
    ...(account.data.private_key_id !== undefined ? { keyId: account.data.private_key_id } : {}),
    scopes: [cloudPlatformScope],
    ...(tokenUri === libraryTokenUrl ? {} : { additionalClaims: { aud: tokenUri } }),
  });
  // The client's own transport sends its token requests to the file's endpoint instead of Google's.
  if (tokenUri !== libraryTokenUrl) {
    client.transporter.interceptors.request.add({
      resolved: async (options) => {
        if (String(options.url) === libraryTokenUrl) options.url = new URL(tokenUri);
        return options;
      },
    });
  }
  return client;
}
