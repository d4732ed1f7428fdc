/**
 * Anthropic blocks with no interlingua part (`document`, `search_result`, server tool blocks,
 * file-sourced images) are kept whole in the owning message's or response's
 * `vendor.anthropic.opaque_blocks`, each with the number of interlingua parts before it, so
 * an Anthropic emitter can put them back where they were. An answer folded from a replayed stream
 * holds its blocks only in the unported-output list that told them (opaque-output.ts), which is
 * read when there is no `opaque_blocks`.
 */
import { z } from 'zod';
import type { VendorData } from '../../interlingua/vendor.js';
import { blockSchema } from './wire-schema.js';
import type { WireBlock } from './wire-schema.js';
import { anthropicFields } from './vendor-data.js';
import { readOptional } from '../../core/read-optional.js';
import { opaqueBlocksListed } from './opaque-output.js';

export interface OpaqueBlock {
  /** How many interlingua parts come before this block. */
  index: number;
  block: WireBlock;
}

const opaqueBlocksSchema = z.array(z.object({ index: z.number().int().nonnegative(), block: blockSchema }));

export type EmittedBlock = Record<string, unknown>;

/** Blocks for `parts` (a part may give none), with the opaque blocks of `vendor` put back in place. */
export function blocksWithOpaque<P>(
  parts: readonly P[],
  vendor: VendorData | undefined,
  toBlock: (part: P) => EmittedBlock | undefined,
): EmittedBlock[] {
  const kept = anthropicFields(vendor)['opaque_blocks'];
  const opaque = kept === undefined ? opaqueBlocksListed(vendor) : readOptional(opaqueBlocksSchema, kept, []);
  const blocks: EmittedBlock[] = [];
  const insertOpaque = (index: number, last: boolean): void => {
    for (const item of opaque) if (item.index === index || (last && item.index > index)) blocks.push(item.block);
  };
  parts.forEach((part, index) => {
    insertOpaque(index, false);
    const block = toBlock(part);
    if (block !== undefined) blocks.push(block);
  });
  insertOpaque(parts.length, true);
  return blocks;
}
