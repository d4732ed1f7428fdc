import { createRequire } from 'node:module';
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TelemetryConfig } from '../config/resolved-config.js';
import type { InterlinguaError } from '../interlingua/error.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { FinishReason } from '../interlingua/finish-reason.js';
import type { Usage } from '../interlingua/usage.js';
import type { Deployment } from './model-router.js';

/**
 * Attribute names of the OpenTelemetry GenAI semantic conventions (development status, so spelled
 * out here rather than taken from the package's incubating entry point):
 * https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/
 */
const genAi = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  /** The older name of the provider attribute, still read by many back ends. */
  system: 'gen_ai.system',
  requestModel: 'gen_ai.request.model',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  finishReasons: 'gen_ai.response.finish_reasons',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
} as const;

/** Well-known `gen_ai.provider.name` values by upstream dialect; others are named by the provider's own name. */
const providerNames: Record<string, string> = {
  'openai-chat': 'openai',
  'openai-responses': 'openai',
  'openai-completions': 'openai',
  anthropic: 'anthropic',
  gemini: 'gcp.gemini',
  // @opentelemetry/semantic-conventions: GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK = "aws.bedrock".
  bedrock: 'aws.bedrock',
  'bedrock-anthropic': 'aws.bedrock',
  // @opentelemetry/semantic-conventions: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI = "azure.ai.openai",
  // GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI = "gcp.vertex_ai".
  'azure-openai': 'azure.ai.openai',
  'azure-openai-responses': 'azure.ai.openai',
  vertex: 'gcp.vertex_ai',
  'vertex-anthropic': 'gcp.vertex_ai',
};

export interface Tracing {
  tracer: Tracer;
  /** Sends the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Loads a package only when called. The tracing SDK, the OTLP exporter and their dependencies
 * are some 250 modules (about 10 MB of RSS and a noticeable share of start-up): a gateway with no
 * `telemetry` configured never loads them. They are CommonJS packages, so `require` loads them
 * synchronously and shares the one `@opentelemetry/api` instance the span helpers below use.
 */
const requireLazily = createRequire(import.meta.url);

/** A tracer of its own (not registered globally), exporting over OTLP/HTTP, or to `exporter` in tests. */
export function createTracing(config: TelemetryConfig, exporter?: SpanExporter, processor?: SpanProcessor): Tracing {
  const { BasicTracerProvider, BatchSpanProcessor } = requireLazily('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } = requireLazily('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = requireLazily('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [processor ?? new BatchSpanProcessor(exporter ?? new OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers }))],
  });
  return { tracer: provider.getTracer('interlingua'), shutdown: () => provider.shutdown() };
}

/** The span of one chat request as the gateway handles it, over every attempt. */
export function startRequestSpan(tracer: Tracer, request: ChatRequest): Span {
  const attributes: Record<string, string | number> = { [genAi.operationName]: 'chat', [genAi.requestModel]: request.model };
  if (request.sampling.temperature !== undefined) attributes[genAi.requestTemperature] = request.sampling.temperature;
  if (request.sampling.topP !== undefined) attributes[genAi.requestTopP] = request.sampling.topP;
  if (request.sampling.maxOutputTokens !== undefined) attributes[genAi.requestMaxTokens] = request.sampling.maxOutputTokens;
  return tracer.startSpan(`chat ${request.model}`, { kind: SpanKind.SERVER, attributes });
}

/** A child span per upstream attempt: the client call the conventions describe. */
export function startAttemptSpan(tracer: Tracer, parent: Span, deployment: Deployment): Span {
  const provider = providerNames[deployment.provider.dialect] ?? deployment.provider.name;
  const attributes: Record<string, string | number> = {
    [genAi.operationName]: 'chat',
    [genAi.providerName]: provider,
    [genAi.system]: provider,
    [genAi.requestModel]: deployment.model,
    'interlingua.deployment': deployment.name,
  };
  try {
    const url = new URL(deployment.provider.baseUrl);
    attributes['server.address'] = url.hostname;
    if (url.port !== '') attributes['server.port'] = Number(url.port);
  } catch {
    // a base URL that is not a URL has no address to report
  }
  return tracer.startSpan(`chat ${deployment.model}`, { kind: SpanKind.CLIENT, attributes }, trace.setSpan(context.active(), parent));
}

/** What an answer says about itself, set on a span before it ends. */
export function recordAnswer(span: Span, answer: { model?: string; id?: string; finishReason?: FinishReason; usage?: Usage; deployment?: Deployment }): void {
  if (answer.deployment !== undefined) {
    const provider = providerNames[answer.deployment.provider.dialect] ?? answer.deployment.provider.name;
    span.setAttributes({ [genAi.providerName]: provider, [genAi.system]: provider, 'interlingua.deployment': answer.deployment.name });
  }
  if (answer.model) span.setAttribute(genAi.responseModel, answer.model);
  if (answer.id) span.setAttribute(genAi.responseId, answer.id);
  if (answer.finishReason !== undefined) span.setAttribute(genAi.finishReasons, [answer.finishReason.raw ?? answer.finishReason.unified]);
  if (answer.usage?.inputTokens !== undefined) span.setAttribute(genAi.inputTokens, answer.usage.inputTokens);
  if (answer.usage?.outputTokens !== undefined) span.setAttribute(genAi.outputTokens, answer.usage.outputTokens);
}

/** Ends a span as failed, with the gateway's error code as `error.type`. */
export function endWithError(span: Span, error: InterlinguaError | undefined): void {
  span.setAttribute('error.type', error?.code ?? 'stream_interrupted');
  span.setStatus({ code: SpanStatusCode.ERROR, ...(error?.message ? { message: error.message } : {}) });
  span.end();
}
