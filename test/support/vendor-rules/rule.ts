/**
 * The shape of a vendor rule: what a real vendor checks before it answers, written down once and
 * shared by every test upstream. A test upstream that accepts anything proves only that the gateway
 * agrees with itself; these rules make it refuse what the vendor would refuse, with the vendor's
 * own error body, so a request a vendor would turn away fails the suite.
 */

/** What a test upstream received, as a rule sees it. */
export interface JudgedRequest {
  method: string;
  /** Path and query, e.g. `/v1/messages` or `/v1beta/models/gemini-2.5-flash:generateContent?alt=sse`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The JSON-parsed body, or the raw text when it was not JSON. */
  body: unknown;
}

/**
 * One rule. `check` returns the vendor's own message when the request breaks the rule, or
 * undefined. `source` names where the rule comes from: a documentation page (with the sentence
 * that states it) or a recorded error body under test/fixtures/recorded.
 */
export interface VendorRule {
  id: string;
  source: string;
  check(request: JudgedRequest): string | undefined;
  /** The HTTP status the vendor answers with when the rule is broken; 400 unless said. */
  status?: number;
}

/** What a judge answers instead of the queued reply when a rule is broken. */
export interface VendorRefusal {
  /** Which judge and rule refused, for the failure message. */
  judge: string;
  rule: string;
  status: number;
  /** The vendor's error body, exactly as the vendor shapes it. */
  body: unknown;
  /** Headers the vendor answers with beside the body (Bedrock names the error type in one). */
  headers?: Record<string, string>;
  message: string;
}

/**
 * A vendor API's judge: which requests it judges (by path), the rules it applies in order, and
 * how the vendor words an error. Only the first broken rule is reported, as vendors do.
 */
export interface VendorJudge {
  name: string;
  judges(request: JudgedRequest): boolean;
  rules: readonly VendorRule[];
  /** The vendor's error body; `request` for vendors whose body quotes what it refused (Mistral's `input`). */
  errorBody(status: number, message: string, rule: VendorRule, request: JudgedRequest): unknown;
  errorHeaders?(status: number, message: string, rule: VendorRule): Record<string, string>;
}

/** The first rule of `judge` that `request` breaks, as the vendor's answer. */
export function applyJudge(judge: VendorJudge, request: JudgedRequest): VendorRefusal | undefined {
  for (const rule of judge.rules) {
    const message = rule.check(request);
    if (message === undefined) continue;
    const status = rule.status ?? 400;
    const headers = judge.errorHeaders?.(status, message, rule);
    return { judge: judge.name, rule: rule.id, status, body: judge.errorBody(status, message, rule, request), ...(headers !== undefined ? { headers } : {}), message };
  }
  return undefined;
}

/** A plain object, for rules that walk untyped bodies. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path of a URL without its query. */
export function pathOf(request: JudgedRequest): string {
  const index = request.url.indexOf('?');
  return index === -1 ? request.url : request.url.slice(0, index);
}
