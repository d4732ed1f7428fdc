import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';

/**
 * Bedrock Converse: `POST {baseUrl}/model/{modelId}/converse`, or `/converse-stream` for an
 * event stream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html,
 * "POST /model/modelId/converse HTTP/1.1"). The model id goes into the path percent-encoded, `:`
 * as `%3A`, as the AWS SDKs send it (recorded: test/fixtures/recorded/bedrock/MANIFEST entries,
 * ".../model/amazon.nova-micro-v1%3A0/converse"); an ARN's `/` must be encoded too.
 * A Bedrock API key is sent as `Authorization: Bearer`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html); without one the
 * request is signed with SigV4 (aws-signing.ts) once its body is known.
 */
export function bedrockEndpoint(target: EndpointTarget, model: string, stream: boolean): UpstreamEndpoint {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers };
  if (target.apiKey !== undefined) headers.authorization = `Bearer ${target.apiKey}`;
  return { url: `${target.baseUrl}/model/${encodeURIComponent(model)}/${stream ? 'converse-stream' : 'converse'}`, headers };
}

/**
 * Bedrock InvokeModel, for `bedrock-anthropic`: `POST {baseUrl}/model/{modelId}/invoke`, or
 * `/invoke-with-response-stream` for an event stream
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html), with the
 * same model id encoding and authentication as Converse. The type of the model's answer is the
 * `Accept` header of InvokeModel and `X-Amzn-Bedrock-Accept` of the stream (the header bindings
 * of @aws-sdk/client-bedrock-runtime, `InvokeModelRequest$` and `InvokeModelWithResponseStreamRequest$`).
 */
export function bedrockInvokeEndpoint(target: EndpointTarget, model: string, stream: boolean): UpstreamEndpoint {
  const converse = bedrockEndpoint(target, model, stream);
  return {
    url: converse.url.replace(/\/converse(-stream)?$/, stream ? '/invoke-with-response-stream' : '/invoke'),
    headers: { ...converse.headers, [stream ? 'x-amzn-bedrock-accept' : 'accept']: 'application/json' },
  };
}
