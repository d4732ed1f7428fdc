import type { IncomingHttpHeaders } from 'node:http';

/**
 * What a caller's `Authorization: Bearer` carries: a gateway key, or a cloud platform's own token
 * (Google's SDKs always send an OAuth access token on Vertex paths), which then yields to a key
 * header the caller set.
 */
export type BearerMeaning = 'gateway-key' | 'platform-token';

/**
 * The key a caller presented, the way its dialect sends it: `Authorization: Bearer` (OpenAI,
 * Ollama, a Bedrock API key), `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini),
 * `api-key` (Azure OpenAI). Any of them is accepted on any route, so a client never has to know
 * which one the gateway expects. A SigV4 `Authorization: AWS4-HMAC-SHA256 …` is no key: the
 * gateway holds no AWS secret to check it against, so such a caller is anonymous.
 */
export function presentedKey(headers: IncomingHttpHeaders, query: string, bearer: BearerMeaning = 'gateway-key'): string | undefined {
  const fromBearer = bearerToken(headers.authorization);
  if (bearer === 'gateway-key' && fromBearer !== undefined) return fromBearer;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  // Azure OpenAI's key header (recorded: DataDog/dd-trace-py tests/contrib/openai/cassettes/v1/azure_chat_completion.yaml @ 5258b5596a0e, "header api-key").
  const header = single(headers['x-api-key']) ?? single(headers['x-goog-api-key']) ?? single(headers['api-key']);
  if (header !== undefined && header !== '') return header;
  if (query !== '') {
    const key = new URLSearchParams(query).get('key');
    if (key !== null && key !== '') return key;
  }
  return fromBearer;
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match?.[1]?.trim();
}
