import type { ImageLimits } from '../interlingua/dialect.js';
import { InterlinguaError } from '../interlingua/error.js';

/**
 * Refuses a request holding more images than the upstream takes (`limits.maxCount`), before it
 * is sent: the upstream would refuse it whole, and no image can be dropped on the caller's behalf
 * without changing what is asked. Every image counts, URL images and tool results' alike, as
 * the upstream counts its image blocks.
 */
export function checkImageCount(count: number, limits: ImageLimits): void {
  if (limits.maxCount === undefined || count <= limits.maxCount) return;
  throw new InterlinguaError(
    'invalid_request',
    `This request holds ${count} images; the model's upstream takes at most ${limits.maxCount} images in one request. Send fewer images, or split the request.`,
  );
}
