/**
 * WebSocket frames written and read byte by byte (RFC 6455 section 5.2,
 * https://www.rfc-editor.org/rfc/rfc6455#section-5.2), so tests can send what no WebSocket
 * library would: reserved opcodes, unmasked client frames, lengths larger than any limit.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** RFC 6455 section 1.3: the accept key is SHA-1 of the client's key and this GUID, in base64. */
const handshakeGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + handshakeGuid).digest('base64');
}

export interface FrameOptions {
  /** Client frames must be masked (section 5.1); false writes one that is not. */
  masked?: boolean;
  /** A length to announce in the header instead of the payload's; only the header is then written. */
  announcedLength?: number;
}

/** One final frame: FIN set, the given opcode, the 7/16/64-bit length and, when masked, a mask. */
export function frame(opcode: number, payload: Buffer = Buffer.alloc(0), options: FrameOptions = {}): Buffer {
  const masked = options.masked ?? true;
  const length = options.announcedLength ?? payload.length;
  const head = [0x80 | opcode];
  const maskBit = masked ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  const mask = masked ? randomBytes(4) : Buffer.alloc(0);
  if (options.announcedLength !== undefined) return Buffer.concat([Buffer.from(head), extended, mask]);
  const body = Buffer.from(payload);
  if (masked) for (let index = 0; index < body.length; index++) body[index] = (body[index] ?? 0) ^ (mask[index % 4] ?? 0);
  return Buffer.concat([Buffer.from(head), extended, mask, body]);
}

/** Opcode 0x3 is reserved for further non-control frames (section 5.2). */
export const reservedOpcodeFrame = (options: FrameOptions = {}) => frame(0x3, Buffer.alloc(0), options);

/** A raw socket after a successful upgrade, and the bytes that came after the 101 response. */
export interface RawConnection {
  socket: Socket;
  /** Resolves with the status code of the first close frame the peer sends, or undefined if the connection ends without one. */
  closeCode: Promise<number | undefined>;
  /** Resolves when the TCP connection has closed. */
  closed: Promise<void>;
}

/** Reads frames from `socket` (masked or not) and reports the first close frame's code. */
function watchFrames(socket: Socket, initial: Buffer): Pick<RawConnection, 'closeCode' | 'closed'> {
  let buffered = initial;
  let settle: (code: number | undefined) => void = () => {};
  const closeCode = new Promise<number | undefined>((resolve) => (settle = resolve));
  const read = () => {
    for (;;) {
      if (buffered.length < 2) return;
      const opcode = (buffered[0] ?? 0) & 0x0f;
      const masked = ((buffered[1] ?? 0) & 0x80) !== 0;
      let length = (buffered[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        length = Number(buffered.readBigUInt64BE(2));
        offset = 10;
      }
      const mask = masked ? buffered.subarray(offset, offset + 4) : undefined;
      if (masked) offset += 4;
      if (buffered.length < offset + length) return;
      const payload = Buffer.from(buffered.subarray(offset, offset + length));
      if (mask !== undefined) for (let index = 0; index < payload.length; index++) payload[index] = (payload[index] ?? 0) ^ (mask[index % 4] ?? 0);
      buffered = buffered.subarray(offset + length);
      if (opcode === 0x8) settle(payload.length >= 2 ? payload.readUInt16BE(0) : undefined);
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    read();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void closed.then(() => settle(undefined));
  read();
  return { closeCode, closed };
}

/** Connects to 127.0.0.1:`port`, upgrades `path` with a hand-written handshake and checks the 101. */
export function rawUpgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const key = randomBytes(16).toString('base64');
    const socket = createConnection(port, '127.0.0.1');
    const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`);
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      socket.off('error', reject);
      const head = received.subarray(0, end).toString('latin1');
      if (!head.startsWith('HTTP/1.1 101') || !head.includes(acceptKey(key))) {
        socket.destroy();
        return reject(new Error(`the upgrade was not accepted: ${head.split('\r\n')[0] ?? ''}`));
      }
      resolve({ socket, ...watchFrames(socket, received.subarray(end + 4)) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/**
 * A WebSocket server written by hand: it accepts every upgrade (echoing the first offered
 * subprotocol) and hands the raw connection to `onConnection`, which writes whatever frames a test wants.
 */
export class RawWebSocketServer {
  readonly connections: RawConnection[] = [];
  private readonly arrivals: Array<() => void> = [];
  private readonly server: Server;

  constructor(private readonly onConnection: (connection: RawConnection, index: number) => void) {
    this.server = createServer((socket) => {
      let received = Buffer.alloc(0);
      socket.on('error', () => {});
      const onData = (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const end = received.indexOf('\r\n\r\n');
        if (end === -1) return;
        socket.off('data', onData);
        const head = received.subarray(0, end).toString('latin1');
        const key = /^sec-websocket-key:\s*(\S+)/im.exec(head)?.[1] ?? '';
        const protocol = /^sec-websocket-protocol:\s*([^,\r\n]+)/im.exec(head)?.[1]?.trim();
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n${protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : ''}\r\n`,
        );
        const connection = { socket, ...watchFrames(socket, received.subarray(end + 4)) };
        this.connections.push(connection);
        this.onConnection(connection, this.connections.length - 1);
        for (const arrived of this.arrivals.splice(0)) arrived();
      };
      socket.on('data', onData);
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once `count` connections have been upgraded. */
  async waitForConnections(count: number): Promise<void> {
    while (this.connections.length < count) await new Promise<void>((resolve) => this.arrivals.push(resolve));
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
