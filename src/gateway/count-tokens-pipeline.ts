import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dialect, ParseRequestContext } from '../interlingua/dialect.js';
import type { CountTokensCodec, TokenCount } from '../interlingua/count-tokens.js';
import { InterlinguaError } from '../interlingua/error.js';
import { countTokensEndpoint } from '../providers/count-tokens.js';
import type { GatewayServices } from './services.js';
import { parseJsonBody, readBody, sendError, sendJson, toInterlinguaError } from './http-io.js';
import { withRetries } from './retry-policy.js';
import { Cancellation } from './cancellation.js';
import { successfulAnswer, upstreamJson } from './upstream-answer.js';
import type { UpstreamResponse } from './upstream-client.js';
import { estimateInputTokens } from './tokenizer/token-estimate.js';
import { isHttpProvider } from './upstream-dialects.js';
import { RequestMeter } from './request-meter.js';
import { fittedCountRequest } from './count-request-fit.js';
import { catalogVendorOf } from './catalog-vendor.js';
import type { Deployment } from './model-router.js';
import type { GatewayKey } from '../keys/gateway-key.js';

/**
 * Characters a local count reads exactly; a longer request is counted from a sample of this size
 * (token-estimate.ts: within a few percent). Tokenizing runs on the event loop at about 0.7 µs a
 * character of English and 7 of Chinese: without a bound, one request of the largest body taken
 * (`server.maxBodyBytes`, 32 MB) would hold every other request for tens of seconds.
 */
const estimateSampleChars = 16 * 1024;
import { failureLogFields } from './failure-log.js';
import { resolveForKey } from './resolve-for-key.js';
import { bedrockCountTokensModelId } from './bedrock-count-tokens.js';
import { countingRefusedRecently, isCountingUnsupported, noteCountingUnsupported } from './count-tokens-unsupported.js';
import type { UpstreamDialectName } from '../config/schema.js';

export interface CountTokensRoute {
  /** The caller's dialect: its errors, and its token-counting codec unless `reader` is given. */
  dialect: Dialect;
  context: ParseRequestContext;
  /** Reads the count request and writes the answer where one path takes more than one dialect's bodies (Bedrock's CountTokens). */
  reader?: CountTokensReader;
}

/** The caller's half of a token-counting codec. */
export type CountTokensReader = Pick<CountTokensCodec, 'parseRequest' | 'emitResponse'>;

/** Tells the caller whether its count came from the upstream or from the local tokenizer. */
export const tokenCountHeader = 'x-interlingua-token-count';

/**
 * A token count in the caller's dialect (Anthropic count_tokens, Gemini countTokens, Bedrock CountTokens): asked of
 * the first deployment whose dialect can count, translated into that dialect; when it cannot, or its
 * counter says it cannot count that model (count-tokens-unsupported.ts: then remembered for an hour),
 * estimated locally and marked so in the `x-interlingua-token-count: estimated` header.
 *
 * The key is admitted as for chat: its models, budget and limits. Each count is recorded as one
 * request of the key (so it counts against requests per minute) with no tokens and no cost:
 * counting generates nothing and vendors do not bill it (Anthropic: "free to use but subject to
 * requests per minute rate limits", https://docs.anthropic.com/en/docs/build-with-claude/token-counting;
 * Bedrock: "doesn't incur charges", https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html),
 * and tokens recorded here would spend the key's tokens per minute on text not yet sent.
 */
export async function handleCountTokensRequest(
  services: GatewayServices,
  route: CountTokensRoute,
  incoming: IncomingMessage,
  response: ServerResponse,
  key: GatewayKey | undefined,
): Promise<void> {
  const caller = route.dialect;
  const cancellation = new Cancellation();
  response.on('close', () => {
    if (!response.writableFinished) cancellation.abort();
  });
  const meter = new RequestMeter(services, caller.name);
  meter.key = key;
  try {
    const codec = route.reader ?? caller.countTokens;
    if (codec === undefined) throw new InterlinguaError('not_found', `${caller.name} has no token-counting API.`);
    const { request } = codec.parseRequest(parseJsonBody(await readBody(incoming, services.config.server.maxBodyBytes)), route.context);
    meter.model = request.model;
    await services.access.admit(key, request.model);
    const deployments = resolveForKey(services.router, request.model, key);
    const estimate = async (): Promise<TokenCount> => ({ inputTokens: await estimateInputTokens(request, estimateSampleChars), estimated: true });
    const { count, deployment } = await withRetries(deployments, services.config.retry, cancellation, async (target): Promise<{ count: TokenCount; deployment: Deployment }> => {
      const { provider: anyProvider, model } = target;
      const provider = isHttpProvider(anyProvider) ? anyProvider : undefined;
      const upstreamDialect = provider === undefined ? undefined : services.upstreamDialects.for(provider);
      const endpoint = provider === undefined ? undefined : countTokensEndpoint(provider.dialect, provider, countedModel(provider.dialect, model));
      const upstreamCodec = upstreamDialect?.countTokens;
      const named = `${target.provider.name}/${model}`;
      if (provider === undefined || upstreamDialect === undefined || endpoint === undefined || upstreamCodec === undefined || countingRefusedRecently(services.router, named)) {
        return { count: await estimate(), deployment: target };
      }
      // Fitted to the deployment as the chat path fits it, so a count is not refused where a chat request would be served.
      const fitted = await fittedCountRequest(request, upstreamDialect, model, services.catalog.factsFor(catalogVendorOf(provider, model), model));
      const body = JSON.stringify(upstreamCodec.emitRequest(fitted.request, fitted.options));
      const authorized = await services.authorizeUpstream(provider, endpoint, body);
      let upstream: UpstreamResponse;
      try {
        upstream = await successfulAnswer(await services.upstream.post(provider, authorized, body, cancellation), upstreamDialect, provider, authorized);
      } catch (caught) {
        // A counter that cannot count this model: estimated, as where the dialect has no counter at all.
        if (!(caught instanceof InterlinguaError) || !isCountingUnsupported(caught)) throw caught;
        noteCountingUnsupported(services.router, services.logger, named, caught);
        return { count: await estimate(), deployment: target };
      }
      const counted: TokenCount = { inputTokens: upstreamCodec.parseResponse(await upstreamJson(upstream, provider)), estimated: false };
      return { count: counted, deployment: target };
    });
    sendJson(response, 200, codec.emitResponse(count), {
      'x-interlingua-deployment': `${deployment.provider.name}/${deployment.model}`,
      [tokenCountHeader]: count.estimated ? 'estimated' : 'upstream',
    });
    meter.succeeded(deployment);
  } catch (caught) {
    if (cancellation.aborted) {
      meter.abandoned();
      return;
    }
    const error = toInterlinguaError(caught);
    meter.failed(error);
    services.logger.warn('token count failed', { caller: caller.name, ...failureLogFields(error) });
    sendError(response, caller, error);
  }
}

/** The model an upstream's counting API is asked about: Bedrock's counts a foundation model, not an inference profile. */
function countedModel(dialect: UpstreamDialectName, model: string): string {
  return dialect === 'bedrock' || dialect === 'bedrock-anthropic' ? bedrockCountTokensModelId(model) : model;
}
