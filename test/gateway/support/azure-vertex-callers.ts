import OpenAI, { AzureOpenAI } from 'openai';
import { GoogleGenAI } from '@google/genai';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import type Anthropic from '@anthropic-ai/sdk';
import { OAuth2Client } from 'google-auth-library';
import { anthropicCaller, geminiCaller, openaiCaller } from './callers.js';
import type { CloudCaller } from './aws-callers.js';

/**
 * A Google auth client holding a made-up access token that does not expire, so Google's SDKs sign
 * requests without reaching any token endpoint. The gateway treats it as the platform's token.
 */
export function fixedTokenAuthClient(token = 'ya29.test-access-token'): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000, token_type: 'Bearer' });
  return client;
}

/** `openai`'s `AzureOpenAI` on the deployments path: `deployment` fixed, or each request's model. */
export function azureDeploymentsCaller(gatewayUrl: string, key: string, deployment?: string): CloudCaller {
  const client = new AzureOpenAI({ endpoint: gatewayUrl, apiKey: key, apiVersion: '2024-10-21', maxRetries: 0, ...(deployment !== undefined ? { deployment } : {}) });
  const caller = openaiCaller(gatewayUrl, client);
  return { name: 'openai AzureOpenAI (deployments)', turn: (options) => caller.turn(options), isRateLimitError: (error) => caller.isRateLimitError(error) };
}

/** The `openai` client on Azure's v1 path, as Azure documents it for the v1 API. */
export function azureV1Caller(gatewayUrl: string, key: string): CloudCaller {
  const client = new OpenAI({ baseURL: `${gatewayUrl}/openai/v1`, apiKey: key, maxRetries: 0 });
  const caller = openaiCaller(gatewayUrl, client);
  return { name: 'openai on Azure v1', turn: (options) => caller.turn(options), isRateLimitError: (error) => caller.isRateLimitError(error) };
}

/** `@google/genai` with `vertexai: true`; `key`, when given, is the gateway key in `x-goog-api-key`. */
export function vertexGeminiCaller(gatewayUrl: string, key?: string): CloudCaller {
  const client = new GoogleGenAI({
    vertexai: true,
    project: 'my-project',
    location: 'us-central1',
    googleAuthOptions: { authClient: fixedTokenAuthClient() },
    httpOptions: { baseUrl: gatewayUrl, ...(key !== undefined ? { headers: { 'x-goog-api-key': key } } : {}) },
  });
  const caller = geminiCaller(gatewayUrl, client);
  return { name: '@google/genai (Vertex AI)', turn: (options) => caller.turn(options), isRateLimitError: (error) => caller.isRateLimitError(error) };
}

/** `@anthropic-ai/vertex-sdk`; `key`, when given, is the gateway key in `x-api-key`. */
export function vertexAnthropicCaller(gatewayUrl: string, key?: string): CloudCaller {
  const client = new AnthropicVertex({
    baseURL: `${gatewayUrl}/v1`,
    region: 'us-east5',
    projectId: 'my-project',
    authClient: fixedTokenAuthClient(),
    maxRetries: 0,
    ...(key !== undefined ? { defaultHeaders: { 'x-api-key': key } } : {}),
  });
  const caller = anthropicCaller(gatewayUrl, client as unknown as Pick<Anthropic, 'messages'>);
  return { name: '@anthropic-ai/vertex-sdk', turn: (options) => caller.turn(options), isRateLimitError: (error) => caller.isRateLimitError(error) };
}
