import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, errors as undiciErrors, type Dispatcher } from 'undici';
import type { ChatRequest } from '../interlingua/request.js';
import type { ImagePart } from '../interlingua/content.js';
import { InterlinguaError } from '../interlingua/error.js';
import { needsInlining } from './request-inspection.js';
import { imageMediaTypeOfBytes } from '../core/image-signature.js';
import { isBlockedAddress } from './blocked-addresses.js';
import { connectionFailureReason, failureDetail } from './connection-failure.js';

export interface ImageFetchSettings {
  maxBytes: number;
  timeoutMs: number;
  allowPrivateNetworks: boolean;
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
 * (Gemini), with a size cap, a timeout, at most three redirects, and private networks refused
 * unless configured. Each URL is fetched once per request, even across retries.
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
    this.guardedAgent = new Agent({ connect: { lookup: guardedLookup(network.lookup ?? dnsLookup, this.isBlocked) } });
    this.openAgent = new Agent();
  }

  async inline(request: ChatRequest, targetDialect: string, cache: Map<string, Promise<ImagePart['source']>>): Promise<ChatRequest> {
    const convert = async (part: ImagePart): Promise<ImagePart> => {
      if (part.source.kind !== 'url' || !needsInlining(part, targetDialect)) return part;
      const url = part.source.url;
      let pending = cache.get(url);
      if (pending === undefined) {
        pending = this.fetchImage(url);
        cache.set(url, pending);
      }
      return { ...part, source: await pending };
    };
    const messages = await Promise.all(
      request.messages.map(async (message) => {
        if (message.role === 'user') {
          const content = await Promise.all(message.content.map((part) => (part.type === 'image' ? convert(part) : part)));
          return { ...message, content };
        }
        if (message.role === 'tool') {
          const content = await Promise.all(
            message.content.map(async (result) => ({
              ...result,
              content: await Promise.all(result.content.map((part) => (part.type === 'image' ? convert(part) : part))),
            })),
          );
          return { ...message, content };
        }
        return message;
      }),
    );
    return { ...request, messages };
  }

  async close(): Promise<void> {
    await Promise.all([this.guardedAgent.close(), this.openAgent.close()]);
  }

  /** `asked` is the URL the caller gave: errors name it, not a redirect's target, which only the logs get. */
  private async fetchImage(url: string, redirects = 0, asked = url): Promise<ImagePart['source']> {
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
    let response: Dispatcher.ResponseData;
    try {
      response = await (this.settings.allowPrivateNetworks ? this.openAgent : this.guardedAgent).request({
        origin: parsed.origin,
        path: parsed.pathname + parsed.search,
        method: 'GET',
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      // Neither the address a name resolved to nor the socket's message (which names it) reaches the caller.
      const logFields = { fetchedUrl: url, cause: failureDetail(error) };
      if ((error as NodeJS.ErrnoException).code === privateAddressCode) throw imageError(asked, privateAddressReason, logFields);
      if (isTimeout(error)) throw imageError(asked, `it did not answer within images.timeoutMs (${this.settings.timeoutMs} ms)`, logFields);
      throw imageError(asked, `it could not be fetched: ${connectionFailureReason(error)}`, logFields);
    }
    const location = response.headers.location;
    if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
      await response.body.dump();
      if (redirects >= 3) throw imageError(asked, 'too many redirects');
      return this.fetchImage(new URL(location, parsed).toString(), redirects + 1, asked);
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw imageError(asked, `it answered HTTP ${response.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > this.settings.maxBytes) {
        response.body.on('error', () => {});
        response.body.destroy();
        throw imageError(asked, `it is larger than images.maxBytes (${this.settings.maxBytes} bytes)`);
      }
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    const declared = String(response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    // The bytes say what they are; a server's content-type may not (image/jpg, a PNG served as JPEG).
    const mediaType = imageMediaTypeOfBytes(bytes) ?? (declared.startsWith('image/') ? declared : undefined);
    if (mediaType === undefined) throw imageError(asked, `it is not an image (content-type "${declared}")`);
    return { kind: 'base64', mediaType, data: bytes.toString('base64') };
  }
}

const privateAddressReason = 'it points at a private or loopback address (set images.allowPrivateNetworks to allow)';

function imageError(url: string, reason: string, logFields?: Record<string, string>): InterlinguaError {
  const shown = url.length > 200 ? `${url.slice(0, 200)}…` : url;
  return new InterlinguaError('invalid_request', `The image ${shown} could not be inlined for this model: ${reason}.`, logFields === undefined ? {} : { logFields });
}

function isTimeout(error: unknown): boolean {
  return error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || (error instanceof Error && error.name === 'TimeoutError');
}
