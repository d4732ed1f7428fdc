import type { Logger } from '../../gateway/logger.js';
import { Backoff, type BackoffSettings } from './backoff.js';
import type { HttpActionLink } from './http-action-link.js';
import type { EventSink } from './onebot-link.js';

export interface PollSettings {
  /** Seconds the implementation may hold a `get_latest_events` call open while it has no events. */
  timeoutSeconds: number;
  /** On errors: wait, doubling, before polling again. */
  reconnect: BackoffSettings;
}

/**
 * With plain HTTP the application fetches events itself with `get_latest_events`
 * (https://12.onebot.dev/interface/meta/actions/), long-polling so a message arrives as soon
 * as the implementation has it. Meta events never come this way, as the standard says.
 */
/**
 * The least wait after a poll that found nothing and came back early: an implementation that
 * answers at once (`timeout: 0` is short polling, as the standard allows) was otherwise asked again
 * without pause, some 70 times a second, for as long as nothing was said.
 */
const emptyPollPauseMs = 1_000;

export class HttpEventPoller {
  private readonly backoff: Backoff;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly link: HttpActionLink,
    private readonly settings: PollSettings,
    private readonly events: EventSink,
    private readonly logger: Logger,
  ) {
    this.backoff = new Backoff(settings.reconnect);
  }

  start(): void {
    void this.loop();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      let failed = false;
      let idle = false;
      try {
        const asked = Date.now();
        const response = await this.link.call('get_latest_events', { limit: 100, timeout: this.settings.timeoutSeconds });
        if (response.retcode !== 0 || !Array.isArray(response.data)) failed = true;
        else {
          this.backoff.reset();
          for (const event of response.data) if (!this.closed) this.events(event, this.link);
          idle = response.data.length === 0 && Date.now() - asked < emptyPollPauseMs;
        }
      } catch (error) {
        failed = true;
        this.logger.warn('onebot poll failed', { transport: 'http', link: this.link.description, error: (error as Error).message });
      }
      if (failed && !this.closed) await this.pause(this.backoff.delay());
      else if (idle && !this.closed) await this.pause(emptyPollPauseMs);
    }
  }

  private pause(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
