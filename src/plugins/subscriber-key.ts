import type { KeyAuthenticator } from '../keys/key-authenticator.js';
import { InterlinguaError } from '../interlingua/error.js';
import { isStoreOutage, storeUnavailable } from '../store/store-outage.js';

/** Why a subscriber's key no longer lets it hear or act, and how its socket is closed for it. */
export interface KeyRefusal {
  error: InterlinguaError;
  /**
   * 1008 Policy Violation for a key refused (revoked, expired, or no longer enough once
   * `auth.required` came on): RFC 6455 section 7.4.1, https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1.
   * 1013 Try Again Later (https://www.iana.org/assignments/websocket/websocket.xhtml) when the
   * key could not be checked because the database is away: the subscriber may come back, and its
   * new handshake is checked (and answered 503) like any request. 1011 Internal Error for anything else.
   */
  closeCode: 1008 | 1011 | 1013;
}

/**
 * The key a WebSocket subscriber presented at its handshake, checked again before each thing the
 * socket does for it (a result pushed, a job cancelled): a key revoked or expired is refused
 * everywhere within the authenticator's few seconds of cache, an open socket included. The
 * authenticator answers a key it looked up lately from memory, so a check costs one promise.
 *
 * Checks run one after another, in the order asked for, so results reach the subscriber in the
 * order they came; once the key is refused, nothing after it runs.
 */
export class SubscriberKey {
  private queue: Promise<void> = Promise.resolve();
  private refused = false;

  constructor(
    private readonly authenticator: KeyAuthenticator,
    private readonly presented: string | undefined,
    private readonly onRefused: (refusal: KeyRefusal) => void,
  ) {}

  /** Runs `action` once the key was found still good; a refused key runs `onRefused` (once) instead. */
  whenStillGood(action: () => void): void {
    this.queue = this.queue.then(async () => {
      if (this.refused) return;
      const refusal = await this.check();
      if (refusal === undefined) return action();
      this.refused = true;
      this.onRefused(refusal);
    });
  }

  private async check(): Promise<KeyRefusal | undefined> {
    try {
      await this.authenticator.authenticate(this.presented);
      return undefined;
    } catch (error) {
      if (error instanceof InterlinguaError && (error.code === 'authentication' || error.code === 'permission')) return { error, closeCode: 1008 };
      if (isStoreOutage(error)) return { error: storeUnavailable(error), closeCode: 1013 };
      return { error: error instanceof InterlinguaError ? error : new InterlinguaError('internal', 'The key could not be checked.', { cause: error }), closeCode: 1011 };
    }
  }
}
