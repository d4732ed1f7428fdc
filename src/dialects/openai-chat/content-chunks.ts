/**
 * Content as an array of typed chunks, which some compatible servers send instead of a string.
 * Mistral's reasoning (Magistral) models stream `delta.content` as
 * `[{"type":"thinking","thinking":[{"type":"text","text":…}]}]` and then `[{"type":"text","text":…}]`,
 * switching back to a plain string on the last chunk
 * (fixtures/mistral/stream-magistral-thinking-content-array.data.ndjson).
 */
import { z } from 'zod';

const textChunkSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

export const contentChunkSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  /** Mistral: the thinking chunk holds its own list of text chunks. */
  thinking: z.union([z.string(), z.array(textChunkSchema)]).optional(),
});

export type WireContentChunk = z.infer<typeof contentChunkSchema>;

/** One piece of text in wire order, and whether it was thinking or answer. */
export interface ChunkText {
  kind: 'text' | 'reasoning';
  text: string;
}

/** The text and thinking in `chunks`, in order; other chunk types carry no text here and are skipped. */
export function chunkTexts(chunks: readonly WireContentChunk[]): ChunkText[] {
  const texts: ChunkText[] = [];
  for (const chunk of chunks) {
    if (chunk.type === 'text' && chunk.text !== undefined && chunk.text !== '') texts.push({ kind: 'text', text: chunk.text });
    if (chunk.type === 'thinking') {
      const thinking = typeof chunk.thinking === 'string' ? chunk.thinking : (chunk.thinking ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
      if (thinking !== '') texts.push({ kind: 'reasoning', text: thinking });
    }
  }
  return texts;
}
