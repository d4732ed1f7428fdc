/**
 * The methods each admin route takes (admin-api.ts, admin-console-api.ts), so that a known path
 * asked with another method is answered 405 with `Allow` (RFC 9110 §15.5.6), not 404 as if the
 * path did not exist. HEAD goes with every GET (server.ts answers it as GET).
 */
const adminRoutes: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/keys$/, 'GET, HEAD, POST'],
  // Before keys by id: "spend" is no key's name here.
  [/^\/(?:usage|deployments|overview|usage\/log|usage\/export\.csv|keys\/spend|models|health|deployments\/stats|exchanges)$/, 'GET, HEAD'],
  [/^\/keys\/[^/]+$/, 'PATCH, DELETE'],
  [/^\/exchanges\/[^/]+$/, 'GET, HEAD'],
  [/^\/translate$/, 'POST'],
  [/^\/deployments\/.+\/check$/, 'POST'],
];

/** The `Allow` value of an admin path, or undefined for a path no admin route has. */
export function adminMethodsOf(path: string): string | undefined {
  return adminRoutes.find(([pattern]) => pattern.test(path))?.[1];
}
