import { Pool } from 'undici';

/**
 * The soak run's callers: every caller dialect, streamed and whole, to a model that is passed
 * through (OpenAI upstream) and one that is translated (Anthropic upstream), in a fixed rotation;
 * one request in `disconnectEvery` is abandoned by its caller (after the first streamed bytes, or
 * a few milliseconds into a whole answer). Each request's outcome is counted, nothing more.
 */

export interface SoakRequest {
  label: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  stream: boolean;
}

const models = ['soak-openai', 'soak-anthropic'];

/**
 * Minimal valid requests per dialect: OpenAI https://platform.openai.com/docs/api-reference/chat/create,
 * Anthropic https://docs.anthropic.com/en/api/messages, Gemini https://ai.google.dev/api/generate-content,
 * Ollama https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion.
 * `question` is the caller's text (the probe marks each request with it).
 */
export function soakRequests(key: string, question = 'Say hi.'): SoakRequest[] {
  const json = { 'content-type': 'application/json' };
  const messages = [{ role: 'user', content: question }];
  return models.flatMap((model) =>
    [false, true].flatMap((stream) => [
      {
        label: `openai ${model} ${stream ? 'stream' : 'json'}`,
        path: '/v1/chat/completions',
        headers: { ...json, authorization: `Bearer ${key}` },
        body: JSON.stringify({ model, messages, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) }),
        stream,
      },
      {
        label: `anthropic ${model} ${stream ? 'stream' : 'json'}`,
        path: '/v1/messages',
        headers: { ...json, 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model, max_tokens: 256, messages, stream }),
        stream,
      },
      {
        label: `gemini ${model} ${stream ? 'stream' : 'json'}`,
        path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        headers: { ...json, 'x-goog-api-key': key },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: question }] }] }),
        stream,
      },
      {
        label: `ollama ${model} ${stream ? 'stream' : 'json'}`,
        path: '/api/chat',
        headers: { ...json, authorization: `Bearer ${key}` },
        body: JSON.stringify({ model, messages, stream }),
        stream,
      },
    ]),
  );
}

/**
 * What became of the requests: by HTTP status (an answer cut after its status line counts there
 * too, and in `cutAfterStatus`), plus those the caller abandoned or that failed before a status.
 */
export interface SoakOutcomes {
  sent: number;
  byStatus: Map<number, number>;
  cutAfterStatus: number;
  abandonedByCaller: number;
  networkErrors: number;
  firstNetworkError?: string;
}

export interface SoakLoad {
  origin: string;
  requests: SoakRequest[];
  concurrency: number;
  deadline: number;
  maxRequests: number;
  disconnectEvery: number;
  /** Called as each request is about to be sent (the probe sends SIGTERM halfway). */
  beforeSend?: (index: number) => void;
}

const requestTimeoutMs = 30_000;

/** Runs workers until the deadline or `maxRequests`, whichever comes first. */
export async function runSoakLoad(load: SoakLoad): Promise<SoakOutcomes> {
  const pool = new Pool(load.origin, { connections: load.concurrency, headersTimeout: requestTimeoutMs, bodyTimeout: requestTimeoutMs });
  const outcomes: SoakOutcomes = { sent: 0, byStatus: new Map(), cutAfterStatus: 0, abandonedByCaller: 0, networkErrors: 0 };
  const worker = async () => {
    while (outcomes.sent < load.maxRequests && Date.now() < load.deadline) {
      const index = outcomes.sent++;
      const request = load.requests[index % load.requests.length] as SoakRequest;
      const abandon = index % load.disconnectEvery === load.disconnectEvery - 1;
      load.beforeSend?.(index);
      await send(pool, request, abandon, outcomes);
    }
  };
  try {
    await Promise.all(Array.from({ length: load.concurrency }, worker));
  } finally {
    await pool.close();
  }
  return outcomes;
}

async function send(pool: Pool, request: SoakRequest, abandon: boolean, outcomes: SoakOutcomes): Promise<void> {
  const controller = new AbortController();
  let status: number | undefined;
  try {
    const answer = await pool.request({ method: 'POST', path: request.path, headers: request.headers, body: request.body, signal: controller.signal });
    status = answer.statusCode;
    if (abandon) {
      // Gone after the first bytes of a stream, or a moment into a whole answer.
      if (request.stream) for await (const _chunk of answer.body) break;
      else await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      outcomes.abandonedByCaller++;
      return;
    }
    for await (const _chunk of answer.body) {
      // read to the end
    }
    outcomes.byStatus.set(answer.statusCode, (outcomes.byStatus.get(answer.statusCode) ?? 0) + 1);
  } catch (error) {
    if (controller.signal.aborted) return;
    if (status !== undefined) {
      // Answered, then cut (an upstream that broke off, a drain deadline): the caller was answered.
      outcomes.byStatus.set(status, (outcomes.byStatus.get(status) ?? 0) + 1);
      outcomes.cutAfterStatus++;
      return;
    }
    outcomes.networkErrors++;
    outcomes.firstNetworkError ??= error instanceof Error ? error.message : String(error);
  }
}
