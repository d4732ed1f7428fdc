/**
 * A Gemini caller's `serviceTier` on Vertex AI. The Gemini API reads it from the body; Vertex
 * refuses the Gemini API's values there ("Invalid value at 'service_tier'
 * (type.googleapis.com/google.cloud.aiplatform.v1beta1.ServiceTier), \"flex\"",
 * github.com/googleapis/python-genai/issues/2433; every value on v1, github.com/BerriAI/litellm/issues/34914)
 * and takes the tier from a header instead: "To send requests to the Gemini API using Flex PayGo, you
 * must include the X-Vertex-AI-LLM-Shared-Request-Type header in your request"
 * (https://docs.cloud.google.com/vertex-ai/generative-ai/docs/flex-paygo); measured, `flex` and
 * `priority` there bill as ON_DEMAND_FLEX and ON_DEMAND_PRIORITY, while a body `serviceTier` Vertex
 * takes is ignored (github.com/googleapis/python-genai/issues/2847). So the field leaves the body:
 * flex and priority become that header (which uses Provisioned Throughput first where there is some,
 * as the docs' first way does); standard is Vertex's default and needs none; any other value is left
 * out with a warning.
 */
import type { EmittedRequest } from '../../interlingua/dialect.js';
import { isJsonObject } from './json-value.js';

const sharedRequestTypeHeader = 'x-vertex-ai-llm-shared-request-type';
const headerTiers = new Set(['flex', 'priority']);

/** The Gemini API's spelling of a tier (`flex`, `FLEX`, `SERVICE_TIER_FLEX`) in lower case without the enum's prefix. */
function tierName(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toLowerCase().replace(/^service_tier_/, '') : undefined;
}

export function withServiceTierHeader(emitted: EmittedRequest): EmittedRequest {
  const body = emitted.body;
  if (!isJsonObject(body) || body['serviceTier'] === undefined) return emitted;
  const { serviceTier, ...rest } = body;
  const tier = tierName(serviceTier);
  if (tier !== undefined && headerTiers.has(tier)) return { ...emitted, body: rest, headers: { ...emitted.headers, [sharedRequestTypeHeader]: tier } };
  if (tier === 'standard') return { ...emitted, body: rest };
  const warning = { type: 'unsupported' as const, feature: 'service_tier', message: `Vertex AI takes flex, priority or standard as the service tier; ${JSON.stringify(serviceTier)} was left out.` };
  return { ...emitted, body: rest, warnings: [...emitted.warnings, warning] };
}
