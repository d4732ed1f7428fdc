/**
 * Reads a gateway's Gemini answers with @google/genai, whole (`generateContent`) and streamed
 * (`generateContentStream`), as the parts a caller keeps of them; a streamed body must also be a
 * valid Gemini stream (test/support/answer-rules/gemini.ts).
 */
import assert from 'node:assert/strict';
import { GoogleGenAI, type Part } from '@google/genai';
import { recordingFetch } from '../../gateway/support/pass-through-setup.js';
import { geminiAnswerProblems } from '../../support/answer-rules/gemini.js';

export interface ReadAnswer {
  parts: unknown[];
  cache: string | null | undefined;
}

const ask = (prompt: string) => [{ role: 'user', parts: [{ text: prompt }] }];

/** The parts a caller keeps of an answer: adjacent texts of one kind (thought or not) joined, empty texts dropped, nothing else changed. */
export function answerParts(all: readonly Part[]): unknown[] {
  const joined: Array<Record<string, unknown>> = [];
  for (const part of all) {
    const last = joined.at(-1);
    if (part.text === '') continue;
    const continues = last !== undefined && typeof last['text'] === 'string' && last['thought'] === part.thought;
    if (typeof part.text === 'string' && continues) last['text'] += part.text;
    else joined.push({ ...part });
  }
  return joined;
}

export async function readGeminiStream(baseUrl: string, model: string, prompt: string): Promise<ReadAnswer> {
  const { fetch: recording, bodies } = recordingFetch();
  const genai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl, fetch: recording } });
  const all: Part[] = [];
  let cache: string | null | undefined;
  for await (const chunk of await genai.models.generateContentStream({ model, contents: ask(prompt) })) {
    cache ??= chunk.sdkHttpResponse?.headers?.['x-interlingua-cache'];
    all.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
  }
  const body = await bodies[0];
  assert.ok(body !== undefined);
  assert.deepEqual(geminiAnswerProblems({ stream: true, status: 200, contentType: 'text/event-stream', text: body }), []);
  return { parts: answerParts(all), cache };
}

export async function readGeminiWhole(baseUrl: string, model: string, prompt: string): Promise<ReadAnswer> {
  const { fetch: recording, bodies } = recordingFetch();
  const genai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl, fetch: recording } });
  const answer = await genai.models.generateContent({ model, contents: ask(prompt) });
  const body = await bodies[0];
  assert.ok(body !== undefined);
  assert.deepEqual(geminiAnswerProblems({ stream: false, status: 200, contentType: 'application/json', text: body }), []);
  return { parts: answerParts(answer.candidates?.[0]?.content?.parts ?? []), cache: answer.sdkHttpResponse?.headers?.['x-interlingua-cache'] };
}
