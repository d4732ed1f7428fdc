import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A started test upstream as the bench children report it: its port and how to stop it. */
export interface ListeningServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Listens on a free loopback port (never another address) with the keep-alive the gateway's
 * pools expect, and closes with every connection, so a stopping run leaves no socket open.
 */
export async function listenOnLoopback(server: Server, backlog = 511): Promise<ListeningServer> {
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', backlog, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
