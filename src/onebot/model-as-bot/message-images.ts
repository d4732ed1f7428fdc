import type { ImagePart } from '../../interlingua/content.js';
import { defaultSettings } from '../../config/defaults.js';
import { imageMediaTypeOfBase64 } from '../../core/image-signature.js';
import type { OnebotLink } from '../links/onebot-link.js';
import { fileSchema, type BotSelf, type Segment } from '../wire-types.js';
import { fetchFileUrl } from './file-url-fetch.js';

/**
 * The most of one message's images a bot reads: `images.maxImages` images and
 * `images.maxTotalBytes` of their bytes together, the keys that bound the images a request names
 * by URL (README, "images"). A message is the request here: its images go to the model together.
 */
export interface ImageLimits {
  maxImages: number;
  maxTotalBytes: number;
}

export const defaultImageLimits: ImageLimits = { maxImages: defaultSettings.imageMaxCount, maxTotalBytes: defaultSettings.imageMaxTotalBytes };

/**
 * Reads the images of one message through `get_file` (https://12.onebot.dev/interface/file/actions/),
 * asking for a URL the upstream can fetch itself. Inline data is taken when that is what comes
 * back; a URL that needs `headers` is fetched here with them and inlined (file-url-fetch.ts), as no
 * vendor could send them; a `url` in the segment (an extension some implementations add) is the fallback.
 *
 * Each image costs an action and, as base64, up to a whole WebSocket message of memory, and a
 * message may carry any number of image segments; so past `maxImages` images, or once the
 * bytes read pass `maxTotalBytes`, no more are fetched and the rest stay `[image]` placeholders.
 */
export class MessageImageReader {
  private images = 0;
  private bytes = 0;
  /** Images left as placeholders for being over a limit. */
  skipped = 0;

  constructor(
    private readonly link: OnebotLink,
    private readonly self: BotSelf,
    private readonly limits: ImageLimits,
  ) {}

  async read(segment: Segment): Promise<ImagePart | undefined> {
    if (this.images >= this.limits.maxImages || this.bytes > this.limits.maxTotalBytes) {
      this.skipped++;
      return undefined;
    }
    this.images++;
    const fileId = segment.data.file_id;
    // A URL that could be had only with headers: handing it on as it is would fail at the vendor.
    let needsHeaders: string | undefined;
    if (typeof fileId === 'string' && fileId !== '') {
      const response = await this.link.call('get_file', { file_id: fileId, type: 'url' }, this.self).catch(() => undefined);
      const file = fileSchema.safeParse(response?.data);
      if (response?.retcode === 0 && file.success) {
        const data = file.data.data;
        if (data !== undefined && data !== '') return this.inline(data);
        const url = file.data.url;
        const headers = file.data.headers ?? {};
        if (url !== undefined && /^https?:\/\//.test(url)) {
          if (Object.keys(headers).length === 0) return { type: 'image', source: { kind: 'url', url } };
          const fetched = await this.fetchWithHeaders(url, headers);
          if (fetched !== undefined) return fetched;
          needsHeaders = url;
        }
      }
    }
    const url = segment.data.url;
    return typeof url === 'string' && url !== needsHeaders && /^https?:\/\//.test(url) ? { type: 'image', source: { kind: 'url', url } } : undefined;
  }

  /**
   * The image at a URL that needs the implementation's headers, inlined; within the bytes still
   * allowed, and given up when the link closes, since no answer of the turn could reach it then.
   */
  private async fetchWithHeaders(url: string, headers: Record<string, string>): Promise<ImagePart | undefined> {
    const room = this.limits.maxTotalBytes - this.bytes;
    if (room <= 0) return undefined;
    const closed = this.link.closed;
    const fetched = await fetchFileUrl(url, headers, { maxBytes: room, timeoutMs: defaultSettings.imageTimeoutMs, ...(closed !== undefined ? { signal: closed } : {}) });
    if (fetched === undefined) return undefined;
    this.bytes += Buffer.byteLength(fetched.data, 'base64');
    return { type: 'image', source: { kind: 'base64', mediaType: fetched.mediaType, data: fetched.data } };
  }

  private inline(data: string): ImagePart | undefined {
    // Counted from the base64 length (four characters carry three bytes) rather than decoded.
    this.bytes += Math.floor((data.length * 3) / 4);
    if (this.bytes > this.limits.maxTotalBytes) {
      this.skipped++;
      return undefined;
    }
    return { type: 'image', source: { kind: 'base64', mediaType: imageMediaTypeOfBase64(data) ?? 'image/png', data } };
  }
}
