import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, errors as undiciErrors, type Dispatcher } from 'undici';
import type { ChatRequest } from '../interlingua/request.js';
import type { ImagePart } from '../interlingua/content.js';
import { InterlinguaError } from '../interlingua/error.js';
import { needsInlining } from './request-inspection.js';
import { imagesOf, withImagesReplaced } from '../core/request-images.js';
import { defaultSettings } from '../config/defaults.js';
import { imageMediaTypeOfBytes } from '../core/image-signature.js';
import { isBlockedAddress } from './blocked-addresses.js';
import { connectionFailureReason, failureDetail } from './connection-failure.js';

export interface ImageFetchSettings {
  maxBytes: number;
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  /** Most image URLs fetched for one request (`images.maxImages`); absent, the configuration's default. */
  maxImages?: number;
  /** Most bytes fetched for one request, its images together (`images.maxTotalBytes`); absent, the default. */
  maxTotalBytes?: number;
}

/**
 * Fetches of one request under way at once, so a request naming many URLs neither opens as many
 * sockets nor fills as many buffers at a time; a few small images arrive about as soon as all at once.
 */
const fetchesAtOnce = 4;

/**
 * Connections to one image host, shared by all requests (undici's Agent sets no limit of its own):
 * eight requests fetching four each; more wait their turn, within `images.timeoutMs`.
 */
const connectionsPerHost = 32;

type UrlImage = ImagePart & { source: { kind: 'url'; url: string } };

/** What the fetches of one request share: the bytes read so far, and a signal that ends them all once one fails. */
interface RequestBudget {
  readonly maxTotalBytes: number;
  bytes: number;
  readonly signal: AbortSignal;
}

type LookupFunction = typeof dnsLookup;

/** Why a connection was refused at DNS lookup time: the name resolves to a blocked address. */
const privateAddressCode = 'EPRIVATE';

/**
 * A DNS lookup that refuses names resolving to blocked addresses, checked at connect time (no
 * rebinding window): every address of the name is checked, not only the one connected to.
 */
function guardedLookup(lookup: LookupFunction, isBlocked: (address: string) => boolean) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((entry) => isBlocked(entry.address));
      if (refused !== undefined) {
        return callback(Object.assign(new Error(`${hostname} resolves to the private address ${refused.address}`), { code: privateAddressCode }), '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      return callback(null, first.address, first.family);
    });
  };
}

/** How the inliner meets the network: tests stand in for DNS and for which addresses are public. */
export interface ImageNetwork {
  lookup?: LookupFunction;
  isBlocked?: (address: string) => boolean;
}

/**
 * Turns http(s) image URLs into inline base64 for dialects that take only inline data
 * (Gemini), with caps on each image's size and on each request's images and bytes, a timeout,
 * at most three redirects, and private networks refused unless configured. Each URL is fetched
 * once per request, even across retries.
 */
export class ImageInliner {
  private readonly guardedAgent: Dispatcher;
  private readonly openAgent: Dispatcher;
  private readonly isBlocked: (address: string) => boolean;

  /** `images:`; a configuration reload replaces them for fetches that start afterwards. */
  settings: ImageFetchSettings;

  constructor(settings: ImageFetchSettings, network: ImageNetwork = {}) {
    this.settings = settings;
    this.isBlocked = network.isBlocked ?? isBlockedAddress;
    this.guardedAgent = new Agent({ connections: connectionsPerHost, connect: { lookup: guardedLookup(network.lookup ?? dnsLookup, this.isBlocked) } });
    this.openAgent = new Agent({ connections: connectionsPerHost });
  }

  /**
   * The request with its image URLs inlined for `targetDialect`. A request naming more URLs than
   * `images.maxImages` is refused before anything is fetched; the rest are fetched a few at a time
   * against one byte budget, and the first failure ends the fetches under way and starts no other.
   */
  async inline(request: ChatRequest, targetDialect: string, cache: Map<string, Promise<ImagePart['source']>>): Promise<ChatRequest> {
    const parts = imagesOf(request).filter((part): part is UrlImage => part.source.kind === 'url' && needsInlining(part, targetDialect));
    const urls = [...new Set(parts.map((part) => part.source.url))];
    const fetched = urls.filter((url) => !isDataUrl(url)).length;
    const maxImages = this.settings.maxImages ?? defaultSettings.imageMaxCount;
    if (fetched > maxImages) {
      throw new InterlinguaError(
        'invalid_request',
        `This request names ${fetched} image URLs for a model that takes only inline images; the gateway fetches at most ${maxImages} for one request (images.maxImages).`,
      );
    }
    const sources = await this.fetchAll(urls, cache);
    const replacements = new Map<ImagePart, ImagePart>();
    for (const part of parts) {
      const source = sources.get(part.source.url);
      if (source !== undefined) replacements.set(part, { ...part, source });
    }
    return withImagesReplaced(request, replacements);
  }

  /** Each URL's inline data, `fetchesAtOnce` at a time (the results are keyed by URL, so their order is the request's). */
  private async fetchAll(urls: readonly string[], cache: Map<string, Promise<ImagePart['source']>>): Promise<Map<string, ImagePart['source']>> {
    const sources = new Map<string, ImagePart['source']>();
    const failed = new AbortController();
    const budget: RequestBudget = { maxTotalBytes: this.settings.maxTotalBytes ?? defaultSettings.imageMaxTotalBytes, bytes: 0, signal: failed.signal };
    let next = 0;
    const worker = async (): Promise<void> => {
      // Nothing starts once a fetch has failed or the budget is spent, not even before the failure is heard.
      while (!failed.signal.aborted && budget.bytes <= budget.maxTotalBytes) {
        const url = urls[next++];
        if (url === undefined) return;
        try {
          sources.set(url, await this.sourceOf(url, cache, budget));
        } catch (error) {
          failed.abort();
          throw error;
        }
      }
    };
    // Promise.all rejects with the first failure; the fetches it aborts fail after it, unheard.
    await Promise.all(Array.from({ length: Math.min(fetchesAtOnce, urls.length) }, worker));
    return sources;
  }

  /**
   * One URL fetched once per request, even across retries (`cache`); what an earlier attempt fetched
   * still counts against this attempt's budget, so every attempt carries at most `maxTotalBytes`.
   */
  private async sourceOf(url: string, cache: Map<string, Promise<ImagePart['source']>>, budget: RequestBudget): Promise<ImagePart['source']> {
    const cached = cache.get(url);
    if (cached === undefined) {
      const pending = this.fetchImage(url, budget);
      cache.set(url, pending);
      return pending;
    }
    const source = await cached;
    if (source.kind === 'base64' && !isDataUrl(url)) {
      budget.bytes += Buffer.byteLength(source.data, 'base64');
      if (budget.bytes > budget.maxTotalBytes) throw overBudget(url, budget);
    }
    return source;
  }

  async close(): Promise<void> {
    await Promise.all([this.guardedAgent.close(), this.openAgent.close()]);
  }

  /** `asked` is the URL the caller gave: errors name it, not a redirect's target, which only the logs get. */
  private async fetchImage(url: string, budget: RequestBudget, redirects = 0, asked = url): Promise<ImagePart['source']> {
    const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    if (dataUrl?.[1] !== undefined && dataUrl[2] !== undefined) return { kind: 'base64', mediaType: dataUrl[1], data: dataUrl[2] };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw imageError(asked, 'it is not a valid URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw imageError(asked, 'only http(s) and data: URLs can be fetched');
    // The URL parser has already turned every IPv4 spelling (2130706433, 0x7f.1, 017700000001) into a.b.c.d.
    const literal = parsed.hostname.replace(/^\[|\]$/g, '');
    if (!this.settings.allowPrivateNetworks && isIP(literal) !== 0 && this.isBlocked(literal)) throw imageError(asked, privateAddressReason, { fetchedUrl: url });
    const { timeoutMs } = this.settings;
    let response: Dispatcher.ResponseData;
    try {
      response = await (this.settings.allowPrivateNetworks ? this.openAgent : this.guardedAgent).request({
        origin: parsed.origin,
        path: parsed.pathname + parsed.search,
        method: 'GET',
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        // The timeout bounds the whole fetch, body included: a server sending a byte a second is no quicker.
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), budget.signal]),
      });
    } catch (error) {
      throw fetchFailure(error, asked, url, budget, `it did not answer within images.timeoutMs (${timeoutMs} ms)`);
    }
    const location = response.headers.location;
    if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
      await response.body.dump();
      if (redirects >= 3) throw imageError(asked, 'too many redirects');
      if (!URL.canParse(location, parsed.href)) throw imageError(asked, 'it redirected to an address that is not a URL');
      return this.fetchImage(new URL(location, parsed).toString(), budget, redirects + 1, asked);
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw imageError(asked, `it answered HTTP ${response.statusCode}`);
    }
    const bytes = await this.readBody(response, asked, url, budget);
    const declared = String(response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    // The bytes say what they are; a server's content-type may not (image/jpg, a PNG served as JPEG).
    const mediaType = imageMediaTypeOfBytes(bytes) ?? (declared.startsWith('image/') ? declared : undefined);
    if (mediaType === undefined) throw imageError(asked, `it is not an image (content-type "${declared}")`);
    return { kind: 'base64', mediaType, data: bytes.toString('base64') };
  }

  /** The body, counted against the image's cap and the request's budget chunk by chunk: reading stops where either is crossed. */
  private async readBody(response: Dispatcher.ResponseData, asked: string, url: string, budget: RequestBudget): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        budget.bytes += (chunk as Buffer).length;
        if (size > this.settings.maxBytes) throw imageError(asked, `it is larger than images.maxBytes (${this.settings.maxBytes} bytes)`);
        if (budget.bytes > budget.maxTotalBytes) throw overBudget(asked, budget);
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      response.body.on('error', () => {});
      response.body.destroy();
      if (error instanceof InterlinguaError) throw error;
      // A body that stalls or trickles past the timeout ends here, as does one cut short.
      throw fetchFailure(error, asked, url, budget, `it did not send the whole image within images.timeoutMs (${this.settings.timeoutMs} ms)`);
    }
    return Buffer.concat(chunks);
  }
}

const privateAddressReason = 'it points at a private or loopback address (set images.allowPrivateNetworks to allow)';

function imageError(url: string, reason: string, logFields?: Record<string, string>): InterlinguaError {
  return new InterlinguaError('invalid_request', `The image ${shownUrl(url)} could not be inlined for this model: ${reason}.`, logFields === undefined ? {} : { logFields });
}

function overBudget(url: string, budget: RequestBudget): InterlinguaError {
  return new InterlinguaError(
    'invalid_request',
    `The images of this request are larger together than the ${budget.maxTotalBytes} bytes the gateway fetches for one request (images.maxTotalBytes); the image ${shownUrl(url)} went over it.`,
  );
}

/**
 * A fetch that failed, in words a caller may read: neither the address a name resolved to nor the
 * socket's message (which names it) reaches the caller, only the logs.
 */
function fetchFailure(error: unknown, asked: string, fetchedUrl: string, budget: RequestBudget, timeoutReason: string): InterlinguaError {
  const logFields = { fetchedUrl, cause: failureDetail(error) };
  if (budget.signal.aborted) return imageError(asked, 'another image of this request could not be inlined', logFields);
  if ((error as NodeJS.ErrnoException).code === privateAddressCode) return imageError(asked, privateAddressReason, logFields);
  if (isTimeout(error)) return imageError(asked, timeoutReason, logFields);
  return imageError(asked, `it could not be fetched: ${connectionFailureReason(error)}`, logFields);
}

function shownUrl(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

function isDataUrl(url: string): boolean {
  return url.startsWith('data:');
}

function isTimeout(error: unknown): boolean {
  return error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || (error instanceof Error && error.name === 'TimeoutError');
}
