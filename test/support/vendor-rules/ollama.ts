import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';

/**
 * Ollama `POST /api/chat` and `/api/generate`. Error body as recorded in
 * test/fixtures/recorded/ollama/error-body.json: `{"error":"…"}`.
 */
const rules: VendorRule[] = [
  {
    id: 'ollama.model.required',
    // https://github.com/ollama/ollama/blob/main/docs/api.md: "model: (required) the model name".
    source: 'github.com/ollama/ollama docs/api.md (model: required)',
    check: ({ body }) => (isRecord(body) && typeof body.model !== 'string' ? 'model is required' : undefined),
  },
];

export const ollamaJudge: VendorJudge = {
  name: 'ollama',
  judges: (request: JudgedRequest) => request.method === 'POST' && /\/api\/(chat|generate)$/.test(pathOf(request)),
  rules,
  errorBody: (_status, message) => ({ error: message }),
};
