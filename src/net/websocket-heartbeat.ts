import type WebSocket from 'ws';

/** How often an open WebSocket is pinged: the interval of the ws README's heartbeat example. */
export const defaultHeartbeatIntervalMs = 30_000;

/**
 * Pings an open WebSocket every `intervalMs` and terminates it when the previous ping went
 * unanswered, so a peer that vanished without a FIN (a pulled cable, a suspended laptop, a NAT
 * that forgot the flow) or one that keeps the connection and stops reading does not hold its
 * socket forever: it is gone within two intervals. Every endpoint must answer a ping with a
 * pong (RFC 6455 §5.5.2, https://www.rfc-editor.org/rfc/rfc6455#section-5.5.2; browsers and
 * ws do so by themselves). The pattern is the ws README's "How to detect and close broken
 * connections?" (https://github.com/websockets/ws#how-to-detect-and-close-broken-connections).
 * The timer stops when the socket closes; `onSilent` runs just before a silent one is terminated.
 */
export function keepAliveWithPings(webSocket: WebSocket, intervalMs: number, onSilent: () => void = () => {}): void {
  let answered = true;
  webSocket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (webSocket.readyState !== webSocket.OPEN) return;
    if (!answered) {
      clearInterval(timer);
      onSilent();
      webSocket.terminate();
      return;
    }
    answered = false;
    webSocket.ping();
  }, intervalMs);
  // A ping due is no reason to keep the process alive.
  timer.unref();
  webSocket.once('close', () => clearInterval(timer));
}
