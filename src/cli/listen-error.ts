/**
 * Why the gateway could not listen, in words an operator can act on, or undefined for an error
 * that has none better than its own. Node reports these as bare codes (`listen EADDRINUSE:
 * address already in use 127.0.0.1:4000`).
 */
export function listenErrorText(error: unknown, port: number, host: string): string | undefined {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use; stop what runs there, or choose another port with --port N (or server.port in the configuration)`;
    case 'EACCES':
      return `not allowed to listen on port ${port} on ${host}; ports below 1024 need privileges: choose another with --port N`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${host}: this machine has no such address (check --host or server.host)`;
    default:
      return undefined;
  }
}
