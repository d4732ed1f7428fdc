import { getJson, query, type UsageRecord } from '../api';
import type { AnswerUsage } from './wire';

/**
 * The cost the gateway recorded for a reply, from the admin usage log: the record of this model,
 * written after `startedAt`, with the reply's token counts. Usage is written about once a second,
 * so it is looked for a few times; undefined when it never shows up (then the reply shows tokens only).
 */
export async function recordedCost(model: string, startedAt: number, usage: AnswerUsage): Promise<number | null | undefined> {
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const page = await getJson<{ data: UsageRecord[] }>(`/usage/log${query({ model, since: String(startedAt - 1000), limit: 20 })}`).catch(() => undefined);
    const match = page?.data.find((record) => record.inputTokens === usage.inputTokens && record.outputTokens === usage.outputTokens);
    if (match !== undefined) return match.cost;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  return undefined;
}
