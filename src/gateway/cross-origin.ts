import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Cross-origin calls from browsers (`server.corsOrigins`), for web apps that use the vendors' SDKs
 * with a gateway key (`dangerouslyAllowBrowser` in openai and @anthropic-ai/sdk). Off unless
 * origins are listed: a gateway that needs no key would otherwise let any page its operator opens
 * spend its providers' keys. The API routes only: the console is served from the gateway's own
 * origin, and the admin routes take no cross-origin caller.
 *
 * The Fetch standard's CORS protocol (https://fetch.spec.whatwg.org/#http-cors-protocol): a
 * preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered with what may be sent,
 * and each answer names the origin that may read it. No credentials are allowed (keys travel in
 * headers, not cookies), so `Access-Control-Expose-Headers: *` exposes every header, while
 * `Authorization` must be named in `Access-Control-Allow-Headers` (a `*` there does not cover
 * it), so the headers the preflight asks for are named back.
 */
export class CrossOrigin {
  private readonly anyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.anyOrigin = origins.includes('*');
    this.origins = new Set(origins.map((origin) => origin.toLowerCase()));
  }

  /**
   * Marks an answer to an allowed origin as readable by it, and answers a preflight (true: the
   * request is answered). A request from another origin, or to a route browsers are not served on,
   * goes on untouched: the browser then refuses to hand its answer over.
   */
  answered(request: IncomingMessage, response: ServerResponse, pathname: string): boolean {
    const origin = request.headers.origin;
    if (origin === undefined || !this.allows(origin) || !isApiPath(pathname)) return false;
    response.setHeader('access-control-allow-origin', this.anyOrigin ? '*' : origin);
    if (!this.anyOrigin) response.setHeader('vary', 'Origin');
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!preflight) {
      response.setHeader('access-control-expose-headers', '*');
      return false;
    }
    request.resume();
    response.setHeader('access-control-allow-methods', 'GET, POST, DELETE');
    const asked = request.headers['access-control-request-headers'];
    if (asked !== undefined && asked !== '') response.setHeader('access-control-allow-headers', asked);
    response.setHeader('access-control-max-age', '600');
    response.writeHead(204);
    response.end();
    return true;
  }

  private allows(origin: string): boolean {
    return this.anyOrigin || this.origins.has(origin.toLowerCase());
  }
}

const byOrigins = new WeakMap<readonly string[], CrossOrigin>();

/** The policy for a configuration's `server.corsOrigins`, made once per configuration (a reload brings a new list). */
export function crossOriginFor(origins: readonly string[]): CrossOrigin {
  let policy = byOrigins.get(origins);
  if (policy === undefined) byOrigins.set(origins, (policy = new CrossOrigin(origins)));
  return policy;
}

/** The routes a browser app calls: every vendor API route, not the console, admin, health or metrics. */
function isApiPath(pathname: string): boolean {
  return !(pathname === '/console' || pathname.startsWith('/console/') || pathname.startsWith('/admin/') || pathname === '/health' || pathname === '/ready' || pathname === '/metrics');
}
