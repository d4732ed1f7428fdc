import { pathOf, type JudgedRequest, type VendorJudge } from './rule.js';
import { contentsRules } from './gemini/contents.js';
import { generationConfigRules } from './gemini/generation-config.js';
import { requestFieldRules } from './gemini/request-fields.js';
import { thoughtSignatureRules } from './gemini/thought-signatures.js';
import { toolRules } from './gemini/tools.js';
import { geminiApiCacheNameRule } from './gemini/cached-content.js';

/**
 * Gemini `models/{model}:generateContent`, `:streamGenerateContent` and `:countTokens` (whose
 * `generateContentRequest` is judged like a generateContent body). Error body as recorded in
 * test/fixtures/recorded/gemini/error-400-missing-thought-signature.json:
 * `{"error":{"code":400,"message":…,"status":"INVALID_ARGUMENT"}}`. Rules are in gemini/, one file
 * per concern, in the order Google checks them: who calls and which names parse, then the
 * conversation, the tools, the generation settings, and Gemini 3's signatures.
 */
const statusNames: Record<number, string> = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 413: 'INVALID_ARGUMENT' };

export const geminiJudge: VendorJudge = {
  name: 'gemini',
  judges: (request: JudgedRequest) => request.method === 'POST' && /:(streamGenerateContent|generateContent|countTokens)$/i.test(pathOf(request)),
  rules: [...requestFieldRules, geminiApiCacheNameRule, ...contentsRules, ...toolRules, ...generationConfigRules, ...thoughtSignatureRules],
  errorBody: (status, message) => ({ error: { code: status, message, status: statusNames[status] ?? 'INVALID_ARGUMENT' } }),
};
