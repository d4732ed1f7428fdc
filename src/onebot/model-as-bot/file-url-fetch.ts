import { request } from 'undici';
import { readBoundedBody } from '../../wire/bounded-body.js';
import { imageMediaTypeOfBytes } from '../../core/image-signature.js';

export interface FileUrlFetchLimits {
  /** Most bytes taken; a larger body is not an image the message can carry. */
  maxBytes: number;
  timeoutMs: number;
  /** Aborted when the image can no longer be of use: the link its turn answers on closed. */
  signal?: AbortSignal;
}

/**
 * The image behind a `get_file` URL that comes with `headers`: the implementation says they must
 * be sent to fetch it (walle-core's `File { url, headers, path, data, .. }`,
 * github.com/onebot-walle/walle-core, src/structs.rs; the action:
 * https://12.onebot.dev/interface/file/actions/). A model vendor fetching the URL could not send
 * them, so the gateway fetches it and the model gets the bytes.
 *
 * Only the implementation's headers go with the request, nothing of the gateway's (no access token,
 * no upstream key), and redirects are not followed (undici's `request` does not), so the headers
 * reach no other address. The URL is whatever the implementation answered, and is fetched from the
 * gateway's own network as the implementation's other addresses are: the implementation is a
 * configured peer that holds its access token, whose file server is most often on the same host or
 * a private address (so `images.allowPrivateNetworks` does not apply here). What comes back is used
 * only when it is an image (by its leading bytes), within `maxBytes` and `timeoutMs`, and the fetch
 * stops when `signal` aborts. Resolves with the base64 data and its media type, or `undefined` when it cannot be had.
 */
export async function fetchFileUrl(url: string, headers: Record<string, string>, limits: FileUrlFetchLimits): Promise<{ data: string; mediaType: string } | undefined> {
  try {
    const answer = await request(url, { method: 'GET', headers, headersTimeout: limits.timeoutMs, bodyTimeout: limits.timeoutMs, signal: limits.signal === undefined ? AbortSignal.timeout(limits.timeoutMs) : AbortSignal.any([AbortSignal.timeout(limits.timeoutMs), limits.signal]) });
    if (answer.statusCode !== 200) {
      // Destroyed before its end, undici's body emits an abort error: it must find a listener.
      answer.body.on('error', () => {});
      answer.body.destroy();
      return undefined;
    }
    const read = await readBoundedBody(answer.body, { maxBytes: limits.maxBytes, deadline: Date.now() + limits.timeoutMs });
    if (read.end !== 'whole') return undefined;
    const mediaType = imageMediaTypeOfBytes(read.bytes);
    return mediaType === undefined ? undefined : { data: read.bytes.toString('base64'), mediaType };
  } catch {
    // Headers undici refuses (hop-by-hop ones), a refused connection, a timeout: the image is not had.
    return undefined;
  }
}
