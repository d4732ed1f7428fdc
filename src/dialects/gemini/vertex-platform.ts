/**
 * `vertex`: Gemini on Google Vertex AI. `generateContent` and `streamGenerateContent` take and
 * give the Gemini API's bodies (recorded: test/fixtures/recorded/vertex/fantasy-gemini25flash-*;
 * Vertex adds `createTime`, `avgLogprobs` and `usageMetadata.trafficType`, which this codec passes
 * over) and its errors are Google's `{"error":{"code","message","status"}}`
 * (test/fixtures/recorded/vertex/error-429-resource-exhausted.as-pasted.json). The paths and the
 * OAuth authentication differ, and those are the provider's (src/providers/vertex.ts); so does the
 * token count's body (vertex-count-tokens.ts), and Vertex refuses a schema node that holds `anyOf`
 * beside other fields, which the Gemini API takes (schema-any-of-alone.ts), cannot open the Gemini
 * API's uploaded files (vertex-files.ts) nor its context caches (cached-content-name.ts), takes the service tier from a header (vertex-service-tier.ts),
 * and has a few request fields of its own where the Gemini API has others (platform-fields.ts).
 */
import type { Dialect } from '../../interlingua/dialect.js';
import type { Warning } from '../../interlingua/warning.js';
import { geminiDialect } from './index.js';
import { emitGeminiRequest } from './request-emit.js';
import { vertexGeminiCountTokens } from './vertex-count-tokens.js';
import { vertexSchemaRules } from './schema-any-of-alone.js';
import { withoutGeminiApiFiles } from './vertex-files.js';
import { withCachedContentOf } from './cached-content-name.js';
import { withServiceTierHeader } from './vertex-service-tier.js';
import { withPlatformFields } from './platform-fields.js';

export const vertexGeminiDialectName = 'vertex';

export const vertexGeminiDialect: Dialect = {
  ...geminiDialect,
  name: vertexGeminiDialectName,
  emitRequest: (request, options) => {
    const warnings: Warning[] = [];
    const emitted = withPlatformFields('vertex', withCachedContentOf('vertex', withServiceTierHeader(emitGeminiRequest(withoutGeminiApiFiles(request, warnings), options, vertexSchemaRules))));
    return warnings.length === 0 ? emitted : { ...emitted, warnings: [...warnings, ...emitted.warnings] };
  },
  countTokens: vertexGeminiCountTokens,
};
