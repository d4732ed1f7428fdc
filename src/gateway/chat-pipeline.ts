import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dialect, ParseRequestContext } from '../interlingua/dialect.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ImagePart } from '../interlingua/content.js';
import type { Warning } from '../interlingua/warning.js';
import { chatEndpoint, vendorHeaderNames, withForwardedHeaders } from '../providers/index.js';
import type { GatewayServices } from './services.js';
import type { Deployment } from './model-router.js';
import { parseJsonBody, readBody, sendError, sendJson, toInterlinguaError, warningsHeader, warningsHeaderValue } from './http-io.js';
import { withRetries } from './retry-policy.js';
import { Cancellation } from './cancellation.js';
import { upstreamFailure, upstreamJson } from './upstream-answer.js';
import { relayStream, UncommittedStreamError } from './stream-relay.js';
import { hasImagesToInline } from './request-inspection.js';
import { JsonArrayFraming } from '../wire/json-array-framing.js';

export interface InboundRoute {
  dialect: Dialect;
  context: ParseRequestContext;
}

/**
 * One chat request end to end: read and parse the caller's body, route the model, then try
 * deployments (emit upstream wire format, send, translate the answer or relay the stream)
 * until one answers. Every failure reaches the caller in its own dialect.
 */
export async function handleChatRequest(
  services: GatewayServices,
  route: InboundRoute,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const caller = route.dialect;
  const cancellation = new Cancellation();
  response.on('close', () => {
    if (!response.writableFinished) cancellation.abort();
  });
  const started = Date.now();
  let requestedModel: string | undefined;
  try {
    const body = parseJsonBody(await readBody(incoming, services.config.server.maxBodyBytes));
    const parsed = caller.parseRequest(body, route.context);
    const request = parsed.request;
    requestedModel = request.model;
    const deployments = services.router.resolve(request.model);
    const exchange: ChatExchange = { route, request, parseWarnings: parsed.warnings, incoming, response, cancellation, imageCache: new Map() };
    const served = await withRetries(deployments, services.config.retry, cancellation, (deployment) => attempt(services, exchange, deployment));
    services.logger.info('request served', {
      caller: caller.name,
      model: request.model,
      deployment: `${served.provider.name}/${served.model}`,
      stream: request.stream,
      milliseconds: Date.now() - started,
    });
  } catch (caught) {
    if (cancellation.aborted) {
      services.logger.info('caller went away', { caller: caller.name, model: requestedModel });
      return;
    }
    const error = toInterlinguaError(caught);
    if (error.code === 'internal') services.logger.error('internal error', { error: String(error.cause ?? error) });
    else services.logger.warn('request failed', { caller: caller.name, model: requestedModel, code: error.code, status: error.status, error: error.message });
    sendError(response, caller, error);
  }
}

/** What every attempt at one request shares, whichever deployment it tries. */
interface ChatExchange {
  route: InboundRoute;
  request: ChatRequest;
  parseWarnings: Warning[];
  incoming: IncomingMessage;
  response: ServerResponse;
  cancellation: Cancellation;
  /** Each image URL is fetched once per request, even across retries. */
  imageCache: Map<string, Promise<ImagePart['source']>>;
}

async function attempt(services: GatewayServices, exchange: ChatExchange, deployment: Deployment): Promise<Deployment> {
  const { route, request, parseWarnings, incoming, response, cancellation, imageCache } = exchange;
  const caller = route.dialect;
  const { provider, model } = deployment;
  const upstreamDialect = services.upstreamDialects.for(provider);
  const prepared =
    !upstreamDialect.capabilities.imageUrls && hasImagesToInline(request, upstreamDialect.name)
      ? await services.images.inline(request, upstreamDialect.name, imageCache)
      : request;
  const emitted = upstreamDialect.emitRequest(prepared, { model, defaultMaxOutputTokens: provider.defaultMaxTokens });
  const endpoint = withForwardedHeaders(
    chatEndpoint(provider.dialect, provider, model, request.stream),
    caller.name === upstreamDialect.name ? pickHeaders(incoming.headers, vendorHeaderNames(provider.dialect)) : {},
  );
  const upstream = await services.upstream.post(endpoint, JSON.stringify(emitted.body), { signal: cancellation, timeoutMs: provider.timeoutMs });

  if (upstream.status >= 400) throw await upstreamFailure(upstream, upstreamDialect, provider, endpoint);

  const headers: Record<string, string> = { 'x-interlingua-deployment': `${provider.name}/${model}` };
  const warnings = [...parseWarnings, ...emitted.warnings];
  const warningsValue = warningsHeaderValue(warnings);
  if (warningsValue !== undefined) {
    headers[warningsHeader] = warningsValue;
    services.logger.info('translation warnings', {
      caller: caller.name,
      deployment: `${provider.name}/${model}`,
      warnings: warnings.map((warning) => `${warning.type}:${warning.feature}`),
    });
  }
  const context = { requestedModel: request.model, request };

  if (request.stream) {
    const jsonArray = route.context.streamFraming === 'json-array';
    const encoder = jsonArray ? new JsonArrayFraming(caller.createStreamEncoder(context)) : caller.createStreamEncoder(context);
    const contentType = jsonArray
      ? 'application/json; charset=utf-8'
      : caller.streamFraming === 'ndjson'
        ? 'application/x-ndjson'
        : 'text/event-stream; charset=utf-8';
    try {
      await relayStream(upstream, upstreamDialect, {
        response,
        encoder,
        headers: { 'content-type': contentType, 'cache-control': 'no-cache', connection: 'keep-alive', ...headers },
      }, endpoint.url);
    } catch (caught) {
      if (caught instanceof UncommittedStreamError) throw caught.error;
      throw caught;
    }
    return deployment;
  }

  const json = await upstreamJson(upstream, provider);
  const answer = upstreamDialect.parseResponse(json);
  sendJson(response, 200, caller.emitResponse(answer, context), headers);
  return deployment;
}

function pickHeaders(headers: IncomingMessage['headers'], names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return picked;
}
