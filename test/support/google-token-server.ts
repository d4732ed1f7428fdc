import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A stand-in for Google's OAuth 2.0 token endpoint, for the service-account (JWT-bearer) grant
 * (https://developers.google.com/identity/protocols/oauth2/service-account, "Making the access
 * token request"): a form POST of `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and
 * `assertion=<JWT>`. It judges the assertion as Google does: an RS256 JWT ("Google only supports
 * RS256"), signed by the service account's key, whose claims are `iss` (the account's email),
 * `scope`, `aud` (this endpoint: "When making an access token request this value is always" the
 * token endpoint), `exp` ("a maximum of 1 hour after the issued time") and `iat`. It answers with
 * `{"access_token", "expires_in", "token_type": "Bearer"}` (the page's "JSON object that includes
 * an access token"), or an RFC 6749 §5.2 error, `{"error": "invalid_grant", "error_description"}`.
 */
export class GoogleTokenServer {
  /** Tokens handed out, in order. */
  readonly issued: string[] = [];
  /** Why assertions were refused, in order. */
  readonly refusals: string[] = [];
  private server: Server | undefined;
  private readonly publicKey: KeyObject;
  readonly privateKeyPem: string;
  readonly clientEmail = 'interlingua-test@test-project.iam.gserviceaccount.com';
  /** The folders of the key files written, removed when the server stops. */
  private readonly keyFolders: string[] = [];

  constructor(private readonly expiresInSeconds = 3599) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    this.publicKey = publicKey;
  }

  get tokenUri(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('token server not started');
    return `http://127.0.0.1:${address.port}/token`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const refusal = request.method === 'POST' && request.url === '/token' ? this.judge(Buffer.concat(chunks).toString('utf8')) : 'not the token endpoint';
        if (refusal !== undefined) {
          this.refusals.push(refusal);
          response.writeHead(400, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'invalid_grant', error_description: refusal }));
          return;
        }
        const token = `ya29.test-token-${this.issued.length + 1}`;
        this.issued.push(token);
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ access_token: token, expires_in: this.expiresInSeconds, token_type: 'Bearer' }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    for (const folder of this.keyFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
  }

  /** A service-account key file naming this server as its `token_uri`, in a fresh temporary folder removed by `stop()`. */
  writeKeyFile(): string {
    const folder = mkdtempSync(join(tmpdir(), 'interlingua-sa-'));
    this.keyFolders.push(folder);
    const path = join(folder, 'service-account.json');
    writeFileSync(
      path,
      JSON.stringify({
        type: 'service_account',
        project_id: 'test-project',
        private_key_id: 'test-key-1',
        private_key: this.privateKeyPem,
        client_email: this.clientEmail,
        client_id: '100000000000000000001',
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: this.tokenUri,
      }),
    );
    return path;
  }

  /** Why the form would be refused, or undefined. */
  private judge(form: string): string | undefined {
    const fields = new URLSearchParams(form);
    if (fields.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return `unsupported grant_type ${fields.get('grant_type') ?? '(none)'}`;
    const parts = (fields.get('assertion') ?? '').split('.');
    if (parts.length !== 3) return 'the assertion is not a JWT';
    const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Record<string, unknown>;
      claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return 'the assertion’s header or claims are not JSON';
    }
    if (header['alg'] !== 'RS256') return `alg ${String(header['alg'])}: only RS256 is supported`;
    if (!verify('RSA-SHA256', Buffer.from(`${headerPart}.${claimsPart}`), this.publicKey, Buffer.from(signaturePart, 'base64url'))) return 'Invalid JWT Signature.';
    if (claims['iss'] !== this.clientEmail) return `iss ${String(claims['iss'])} is not the service account`;
    if (claims['aud'] !== this.tokenUri) return `aud ${String(claims['aud'])} is not this token endpoint`;
    if (typeof claims['scope'] !== 'string' || !claims['scope'].split(' ').includes('https://www.googleapis.com/auth/cloud-platform')) return `scope ${String(claims['scope'])} lacks cloud-platform`;
    const iat = claims['iat'];
    const exp = claims['exp'];
    const now = Math.floor(Date.now() / 1000);
    if (typeof iat !== 'number' || typeof exp !== 'number') return 'iat and exp are required';
    if (Math.abs(iat - now) > 300) return 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe';
    if (exp <= iat || exp - iat > 3600) return 'Invalid JWT: exp must be within an hour of iat';
    return undefined;
  }
}
