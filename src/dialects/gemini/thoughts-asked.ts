/**
 * Whether a Gemini caller asked to see thoughts. Gemini returns thought parts (`thought: true`)
 * only to a request with `generationConfig.thinkingConfig.includeThoughts: true` ("Indicates
 * whether to include thoughts in the response. If true, thoughts are returned only if the model
 * supports thought and thoughts are available": https://googleapis.github.io/js-genai/release_docs/interfaces/types.ThinkingConfig.html;
 * "When includeThoughts is set to true in ThinkingConfig, the model may return one or more
 * 'thought' parts": https://firebase.google.com/docs/reference/swift/firebaseailogic/api/reference/Protocols/Part).
 * Another vendor's reasoning is shown to a Gemini caller by the same rule; a `thinkingBudget`
 * alone turns thinking on without asking to see it.
 */
import type { ChatRequest } from '../../interlingua/request.js';

export function thoughtsAsked(request: ChatRequest): boolean {
  return request.reasoning?.includeThoughts === true;
}
