import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RecordedRequest } from './test-upstream.js';
import { sigV4Authorization } from './vendor-rules/bedrock.js';

/** Made-up AWS credentials for tests: the shape of an access key, no account behind it. */
export const testAwsCredentials = { accessKeyId: 'AKIDTESTBEDROCK00001', secretAccessKey: 'test-secret-key-not-an-aws-secret' } as const;

/**
 * Recomputes a received request's SigV4 signature with the secret the test knows, at the time
 * of its `x-amz-date`, over the headers it says it signed, with Smithy's signer (the AWS SDK's
 * own), and returns the `Authorization` header that results: equal to the received one when the
 * request was signed right and arrived unchanged.
 */
export async function expectedAuthorization(request: RecordedRequest, region: string, secretAccessKey: string = testAwsCredentials.secretAccessKey): Promise<string> {
  const received = String(request.headers['authorization'] ?? '');
  const match = sigV4Authorization.exec(received);
  if (match === null) throw new Error(`not a SigV4 Authorization header: ${received}`);
  const signedNames = match[4]!.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = request.headers[name];
    if (value === undefined) throw new Error(`signed header ${name} did not arrive`);
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const date = headers['x-amz-date']!;
  const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  const queryAt = request.url.indexOf('?');
  const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const [hostname, port] = (headers['host'] ?? '').split(':');
  const signer = new SignatureV4({ service: 'bedrock', region, credentials: { accessKeyId: match[1]!, secretAccessKey }, sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: hostname ?? '', ...(port !== undefined ? { port: Number(port) } : {}), path, query: {}, headers, body: request.bodyText },
    { signingDate },
  );
  return String(signed.headers['authorization']);
}

const awsEnvironmentNames = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED'] as const;

/**
 * Points the AWS default credential chain at `testAwsCredentials` (it reads the environment
 * first; the instance-metadata lookup stays off) and returns what puts the environment back.
 */
export function useTestAwsCredentials(): () => void {
  const saved = Object.fromEntries(awsEnvironmentNames.map((name) => [name, process.env[name]]));
  process.env['AWS_ACCESS_KEY_ID'] = testAwsCredentials.accessKeyId;
  process.env['AWS_SECRET_ACCESS_KEY'] = testAwsCredentials.secretAccessKey;
  delete process.env['AWS_SESSION_TOKEN'];
  delete process.env['AWS_PROFILE'];
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  return () => {
    for (const name of awsEnvironmentNames) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
