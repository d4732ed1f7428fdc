import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Where the kernel picks the ports of `listen(0)`, which every server in the tests uses
 * (Linux: /proc/sys/net/ipv4/ip_local_port_range, 32768–60999 by default).
 */
function ephemeralPorts(): { low: number } {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low !== undefined && Number.isInteger(low) && low > 11_024) return { low };
  } catch {
    // Not Linux: the IANA dynamic range starts at 49152.
  }
  return { low: 49_152 };
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A loopback port nothing listens on, so connecting to it is refused. It is taken below the
 * ephemeral range: a port released from `listen(0)` could be handed to the next test server that
 * starts meanwhile (another test file's upstream answering where a refusal was expected), while no
 * test server is given a port from below the range.
 */
export async function closedPort(): Promise<number> {
  const { low } = ephemeralPorts();
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 10_000 + Math.floor(Math.random() * (low - 11_000));
    if (await bindable(port)) return port;
  }
  throw new Error('no free port below the ephemeral range');
}
