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
