import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';

/**
 * Gemini `models/{model}:generateContent` and `:streamGenerateContent`. Error body as recorded in
 * test/fixtures/recorded/gemini/error-400-missing-thought-signature.json:
 * `{"error":{"code":400,"message":…,"status":"INVALID_ARGUMENT"}}`.
 */
const rules: VendorRule[] = [
  {
    id: 'gemini.contents.required',
    // https://ai.google.dev/api/generate-content#request-body: "contents[] object (Content) Required".
    source: 'ai.google.dev/api/generate-content (contents: required)',
    check: ({ body }) =>
      isRecord(body) && (!Array.isArray(body.contents) || body.contents.length === 0)
        ? '* GenerateContentRequest.contents: contents is not specified\n'
        : undefined,
  },
];

const statusNames: Record<number, string> = { 400: 'INVALID_ARGUMENT', 404: 'NOT_FOUND', 413: 'INVALID_ARGUMENT' };

export const geminiJudge: VendorJudge = {
  name: 'gemini',
  judges: (request: JudgedRequest) => request.method === 'POST' && /:(stream)?generateContent$/i.test(pathOf(request)),
  rules,
  errorBody: (status, message) => ({ error: { code: status, message, status: statusNames[status] ?? 'INVALID_ARGUMENT' } }),
};
