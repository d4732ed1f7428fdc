import type { VendorRule } from '../rule.js';
import { contentsOf, field, functionCallsOf, functionResponsesOf, generateRequestOf, modelOf, type ContentAt } from './wire.js';

/**
 * Gemini 3 thought signatures on function calls (https://ai.google.dev/gemini-api/docs/thought-signatures):
 * "When using Gemini 3 models, you must pass back thought signatures during function calling,
 * otherwise you will get a validation error (4xx status code)." Which parts: "Parallel function
 * calls: … the thought_signature is attached only to the first functionCall part", and "Strict
 * validation is enforced on all function calls within the current turn" — only the current
 * turn, the steps since the last user prompt. Documented exemptions: a history the model did not
 * produce may carry the dummy signatures "context_engineering_is_the_way_to_go" or
 * "skip_thought_signature_validator" (FAQ of the same page, quoted in pydantic/pydantic-ai's
 * google model), which a string check accepts like any other; "Gemini 3 Pro Image doesn't return a
 * 400 error if a thought signature isn't returned"
 * (https://docs.cloud.google.com/vertex-ai/generative-ai/docs/thought-signatures).
 */

function isGemini3(model: string): boolean {
  return /^gemini-3/.test(model) && !/-image/.test(model);
}

/** A user content that is a new prompt rather than function responses: where the current turn starts. */
function isUserPrompt(content: ContentAt): boolean {
  return content.role === 'user' && functionResponsesOf(content).length < content.parts.length;
}

export const thoughtSignatureRules: VendorRule[] = [
  {
    id: 'gemini.thought-signature.current-turn',
    // Wording: test/fixtures/recorded/gemini/error-400-missing-thought-signature.json.
    source: 'ai.google.dev/gemini-api/docs/thought-signatures; recorded error test/fixtures/recorded/gemini/error-400-missing-thought-signature.json',
    check: (request) => {
      const body = generateRequestOf(request);
      if (body === undefined || !isGemini3(modelOf(request))) return undefined;
      const contents = contentsOf(body);
      const turnStart = contents.findLastIndex(isUserPrompt);
      for (const content of contents.slice(turnStart + 1)) {
        const first = functionCallsOf(content)[0];
        if (content.role !== 'model' || first === undefined) continue;
        const signature = field(first, 'thoughtSignature');
        if (typeof signature === 'string' && signature !== '') continue;
        const call = field(first, 'functionCall');
        const name = typeof call === 'object' && call !== null ? String((call as Record<string, unknown>)['name']) : '';
        return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${content.index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;
      }
      return undefined;
    },
  },
];
