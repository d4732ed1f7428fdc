import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dialect } from '../interlingua/dialect.js';
import type { EmbeddingParseContext } from '../interlingua/embedding.js';
import { InterlinguaError } from '../interlingua/error.js';
import { embeddingsEndpoint } from '../providers/embeddings.js';
import type { GatewayServices } from './services.js';
import { parseJsonBody, readBody, sendError, sendJson, toInterlinguaError } from './http-io.js';
import { warningsHeader, warningsHeaderValue } from './warnings-header.js';
import { requestIdOf } from './request-context.js';
import { withRetries } from './retry-policy.js';
import { Cancellation } from './cancellation.js';
import { RequestMeter } from './request-meter.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { successfulAnswer, upstreamJson } from './upstream-answer.js';
import { requireHttpProvider } from './upstream-dialects.js';
import { failureLogFields } from './failure-log.js';
import { embeddingsSpendCeiling } from './spend-ceiling.js';
import { attemptNoted } from './attempt-noted.js';
import { resolveForKey } from './resolve-for-key.js';

export interface EmbeddingsRoute {
  dialect: Dialect;
  context: EmbeddingParseContext;
}

/**
 * One embeddings request end to end: the caller's codec parses it, the router picks
 * deployments as for chat, and each upstream dialect's codec emits and reads its own form.
 * A deployment whose dialect has no embeddings API (Anthropic) is skipped for the next one.
 */
export async function handleEmbeddingsRequest(
  services: GatewayServices,
  route: EmbeddingsRoute,
  incoming: IncomingMessage,
  response: ServerResponse,
  key: GatewayKey | undefined,
): Promise<void> {
  const caller = route.dialect;
  const codec = caller.embeddings;
  const cancellation = new Cancellation();
  // A shutdown cut at the drain deadline takes the same path as a caller who went away.
  const untie = services.inFlight.cancelOnCut(cancellation);
  response.on('close', () => {
    untie();
    if (!response.writableFinished) cancellation.abort();
  });
  const meter = new RequestMeter(services, caller.name);
  meter.key = key;
  try {
    if (codec === undefined) throw new InterlinguaError('not_found', `${caller.name} has no embeddings API.`);
    const body = parseJsonBody(await readBody(incoming, services.config.server.maxBodyBytes));
    const parsed = codec.parseRequest(body, route.context);
    const request = parsed.request;
    meter.model = request.model;
    meter.request = request;
    // Held against the key's budget as chat is, so that embeddings sent together cannot all pass a budget only some fit.
    const admitted = services.access.admit(key, request.model, () => embeddingsSpendCeiling(services, request));
    if (admitted !== undefined) meter.hold = await admitted;
    const deployments = resolveForKey(services.router, request.model, key);
    await withRetries(deployments, services.config.retry, cancellation, async (deployment) => {
      const { model } = deployment;
      const provider = requireHttpProvider(deployment.provider, 'embeddings');
      const upstreamDialect = services.upstreamDialects.for(provider);
      const upstreamCodec = upstreamDialect.embeddings;
      const endpoint = embeddingsEndpoint(provider.dialect, provider, model);
      if (upstreamCodec === undefined || endpoint === undefined) {
        throw new InterlinguaError('not_found', `${provider.name} (${provider.dialect}) serves no embeddings.`, { retryable: false, param: 'model' });
      }
      const emitted = upstreamCodec.emitRequest(request, { model });
      const answer = await attemptNoted(meter.attempts, deployment, cancellation, async () => {
        const upstream = await successfulAnswer(await services.upstream.post(provider, endpoint, JSON.stringify(emitted.body), cancellation), upstreamDialect, provider, endpoint);
        return upstreamCodec.parseResponse(await upstreamJson(upstream, provider));
      });
      const headers: Record<string, string> = { 'x-interlingua-deployment': `${provider.name}/${model}` };
      const warnings = warningsHeaderValue([...parsed.warnings, ...emitted.warnings], { requestId: requestIdOf(response) });
      if (warnings !== undefined) headers[warningsHeader] = warnings;
      const context = { requestedModel: request.model, request, ...(route.context.single ? { single: true } : {}) };
      sendJson(response, 200, codec.emitResponse(answer, context), headers);
      // Embeddings write no output: only input the upstream did not count is left to estimate.
      meter.succeeded(deployment, { ...answer.usage, outputTokens: 0 });
    });
  } catch (caught) {
    if (cancellation.aborted) {
      // Cut while an upstream had the request: charged to that deployment, its input estimated (RequestMeter).
      meter.abandoned(undefined, cancellation.reason);
      return;
    }
    const error = toInterlinguaError(caught);
    meter.failed(error);
    services.logger.warn('embeddings request failed', { caller: caller.name, ...failureLogFields(error) });
    sendError(response, caller, error);
  }
}
