/**
 * What a Gemini model's generation decides on the wire. Gemini 3 and later validate thought
 * signatures (https://ai.google.dev/gemini-api/docs/thought-signatures) and take media inside a
 * function response (https://ai.google.dev/gemini-api/docs/function-calling#multimodal); 1.x and 2.x
 * do neither, and Gemma is no Gemini.
 */
export function isGemini3OrLater(model: string): boolean {
  return /^(models\/)?gemini-(?!1\.|2\.)/.test(model);
}

/** A model named Gemini 1 or 2; another name (Gemini 3 and later, a name of the operator's own) is not known to be one. */
export function isGeminiBefore3(model: string): boolean {
  return /^(models\/)?gemini-[12]\./.test(model);
}

/**
 * A model that does not think unless a thinking budget turns it on: "2.5 Flash Lite has thinking
 * disabled by default", where 2.5 Pro and Flash think by default
 * (https://github.com/google-gemini/gemini-cli/pull/4652, from https://ai.google.dev/gemini-api/docs/thinking
 * and https://cloud.google.com/vertex-ai/generative-ai/docs/thinking#budget).
 */
export function thinksOnlyWhenAsked(model: string): boolean {
  return /^(models\/)?gemini-2\.5-flash-lite/.test(model);
}
