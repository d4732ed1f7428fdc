import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import type { ChatRequest } from '../interlingua/request.js';
import type { ImagePart } from '../interlingua/content.js';
import { InterlinguaError } from '../interlingua/error.js';
import { needsInlining } from './request-inspection.js';

export interface ImageFetchSettings {
  maxBytes: number;
  timeoutMs: number;
  allowPrivateNetworks: boolean;
}

/**
 * Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges: a URL in a
 * request must not make the gateway reach hosts behind it (SSRF).
 */
const blockedAddresses = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
    ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) list.addSubnet(network, prefix, 'ipv6');
  return list;
})();

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return blockedAddresses.check(mapped[1], 'ipv4');
  return blockedAddresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A DNS lookup that refuses names resolving to blocked addresses, checked at connect time (no rebinding window). */
function guardedLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
    if (blocked !== undefined) {
      const refusal = Object.assign(new Error(`${hostname} resolves to the private address ${blocked.address}`), { code: 'EPRIVATE' });
      return callback(refusal, '');
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (first === undefined) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
    return callback(null, first.address, first.family);
  });
}

const imageSignatures: Array<[string, number[]]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
];

function sniffImageType(bytes: Buffer): string | undefined {
  return imageSignatures.find(([, signature]) => signature.every((byte, index) => bytes[index] === byte))?.[0];
}

/**
 * Turns http(s) image URLs into inline base64 for dialects that take only inline data
 * (Gemini), with a size cap, a timeout, at most three redirects, and private networks refused
 * unless configured. Each URL is fetched once per request, even across retries.
 */
export class ImageInliner {
  private readonly guardedAgent: Dispatcher;
  private readonly openAgent: Dispatcher;

  /** `images:`; a configuration reload replaces them for fetches that start afterwards. */
  settings: ImageFetchSettings;

  constructor(settings: ImageFetchSettings) {
    this.settings = settings;
    this.guardedAgent = new Agent({ connect: { lookup: guardedLookup } });
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

  private async fetchImage(url: string, redirects = 0): Promise<ImagePart['source']> {
    const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    if (dataUrl?.[1] !== undefined && dataUrl[2] !== undefined) return { kind: 'base64', mediaType: dataUrl[1], data: dataUrl[2] };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw imageError(url, 'it is not a valid URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw imageError(url, 'only http(s) and data: URLs can be fetched');
    const literal = parsed.hostname.replace(/^\[|\]$/g, '');
    if (!this.settings.allowPrivateNetworks && isIP(literal) !== 0 && isBlockedAddress(literal)) {
      throw imageError(url, 'it points at a private or loopback address (set images.allowPrivateNetworks to allow)');
    }
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
      throw imageError(url, (error as Error).message);
    }
    const location = response.headers.location;
    if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
      await response.body.dump();
      if (redirects >= 3) throw imageError(url, 'too many redirects');
      return this.fetchImage(new URL(location, parsed).toString(), redirects + 1);
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw imageError(url, `it answered HTTP ${response.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > this.settings.maxBytes) {
        response.body.on('error', () => {});
        response.body.destroy();
        throw imageError(url, `it is larger than images.maxBytes (${this.settings.maxBytes} bytes)`);
      }
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    const declared = String(response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    const mediaType = declared.startsWith('image/') ? declared : sniffImageType(bytes);
    if (mediaType === undefined) throw imageError(url, `it is not an image (content-type "${declared}")`);
    return { kind: 'base64', mediaType, data: bytes.toString('base64') };
  }
}

function imageError(url: string, reason: string): InterlinguaError {
  const shown = url.length > 200 ? `${url.slice(0, 200)}…` : url;
  return new InterlinguaError('invalid_request', `The image ${shown} could not be inlined for this model: ${reason}.`);
}
