/**
 * A generated upstream answer, in no vendor's dialect: blocks of text, signed thinking and tool
 * calls (whose arguments are cut where the generator says), and how the answer ended; what every
 * caller must get of it (its words, its thinking, its calls) whatever dialects it passes through.
 */
import fc from 'fast-check';

export type Block = { kind: 'text'; pieces: string[] } | { kind: 'thinking'; pieces: string[]; signature: string } | { kind: 'tool'; name: string; args: Record<string, unknown>; cuts: number[] };

/** An answer as blocks, and how it ended. */
export interface Answer {
  blocks: Block[];
  finish: 'stop' | 'length' | 'tool';
}

const piece = fc.string({ minLength: 1, maxLength: 8 });
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.array(piece, { minLength: 1, maxLength: 4 }).map((pieces): Block => ({ kind: 'text', pieces })),
  fc.tuple(fc.array(piece, { minLength: 1, maxLength: 3 }), fc.base64String({ minLength: 8, maxLength: 16 })).map(([pieces, signature]): Block => ({ kind: 'thinking', pieces, signature })),
  fc
    .tuple(fc.constantFrom('get_weather', 'search', 'read_file'), fc.dictionary(fc.constantFrom('city', 'path', 'n', 'tags'), fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })), { maxKeys: 3 }), fc.array(fc.nat({ max: 40 }), { maxLength: 4 }))
    .map(([name, args, cuts]): Block => ({ kind: 'tool', name, args, cuts })),
);
export const answer: fc.Arbitrary<Answer> = fc.tuple(fc.array(block, { minLength: 1, maxLength: 4 }), fc.constantFrom('stop', 'length')).map(([blocks, ending]) => ({
  // Thinking comes first in an answer, as the vendors send it; a turn with calls ends for them.
  blocks: [...blocks.filter((one) => one.kind === 'thinking'), ...blocks.filter((one) => one.kind !== 'thinking')],
  finish: blocks.some((one) => one.kind === 'tool') ? 'tool' : ending,
}));

/** The JSON text of a call's arguments, cut where the generator said. */
export function argumentPieces(tool: Extract<Block, { kind: 'tool' }>): string[] {
  const text = JSON.stringify(tool.args);
  const cuts = [...new Set(tool.cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut > from) pieces.push(text.slice(from, cut));
    from = Math.max(from, cut);
  }
  pieces.push(text.slice(from));
  return pieces.filter((one) => one !== '');
}

/** The tool calls an answer holds, name and arguments, as they must reach every caller. */
export function expectedCalls({ blocks }: Answer): string[] {
  return blocks.flatMap((one) => (one.kind === 'tool' ? [`${one.name} ${JSON.stringify(one.args)}`] : []));
}

/** The answer's words, or its thinking, as every caller must get them. */
export function expectedPieces({ blocks }: Answer, kind: 'text' | 'thinking'): string {
  return blocks.flatMap((one) => (one.kind === kind ? one.pieces : [])).join('');
}
