/**
 * Bedrock's limit on the images and documents of one Claude request, counted together
 * (core/claude-image-count.ts, bedrockClaudeMaxMedia), met on either body shape (Converse's blocks,
 * InvokeModel's Anthropic blocks): past it, the earliest images are replaced by a note and the
 * latest kept, as Converse's documents past five are (bedrock/document-fit.ts), rather than the
 * request being sent for Bedrock to refuse whole. Documents are kept: the caller named each one.
 */
import type { Warning } from '../../interlingua/warning.js';
import { holdsWarning, sameFeature } from '../../core/warning-once.js';

type Block = Record<string, unknown>;

/** How a body shape writes the blocks the limit counts. */
export interface MediaShape {
  isImage(block: Block): boolean;
  isDocument(block: Block): boolean;
  /** The blocks inside a tool result, where images and documents count too. */
  nested(block: Block): Block[] | undefined;
  /** The text block that stands where an image was left out. */
  note(image: Block): Block;
}

interface ImageSlot {
  list: Block[];
  index: number;
}

function isBlock(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces the earliest images of `lists` (message contents, in order) until at most `limit` images and documents are left. */
export function fitMediaCount(lists: readonly Block[][], limit: number, shape: MediaShape, warnings: Warning[]): void {
  const images: ImageSlot[] = [];
  let documents = 0;
  const visit = (list: Block[]): void => {
    list.forEach((block, index) => {
      if (!isBlock(block)) return;
      if (shape.isImage(block)) images.push({ list, index });
      else if (shape.isDocument(block)) documents += 1;
      const inner = shape.nested(block);
      if (inner !== undefined) visit(inner);
    });
  };
  for (const list of lists) visit(list);
  const excess = images.length + documents - limit;
  if (excess <= 0) return;
  const replaced = images.slice(0, excess);
  for (const slot of replaced) slot.list[slot.index] = shape.note(slot.list[slot.index]!);
  if (replaced.length === 0) return;
  if (holdsWarning(warnings, 'image.count', sameFeature)) return;
  warnings.push({
    type: 'unsupported',
    feature: 'image.count',
    message: `Bedrock takes at most ${limit} images and documents in one request to this model; the ${replaced.length} earliest image(s) were replaced by a note.`,
  });
}

/** The note an image left out becomes. */
export const leftOutImageText = '[An image was left out here.]';
