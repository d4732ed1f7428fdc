/**
 * HTTP polling (`get_latest_events`) against an implementation that answers at once with nothing
 * (`timeout: 0` is short polling, https://12.onebot.dev/interface/meta/actions/): the poller
 * pauses before asking again, where it asked some 70 times a second without end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpEventPoller } from '../../src/onebot/links/http-event-poller.js';
import type { HttpActionLink } from '../../src/onebot/links/http-action-link.js';
import { silentLogger } from '../../src/gateway/logger.js';

/** A link whose implementation answers every poll with no events, a turn of the event loop later (as a socket would). */
function emptyLink(): { link: HttpActionLink; polls: () => number } {
  let polls = 0;
  const link = {
    description: 'http test',
    call: () => {
      polls++;
      return new Promise((resolve) => setImmediate(() => resolve({ status: 'ok', retcode: 0, data: [], message: '' })));
    },
  } as unknown as HttpActionLink;
  return { link, polls: () => polls };
}

test('a poll answered at once with nothing is followed by a pause, not by the next poll', async () => {
  const { link, polls } = emptyLink();
  const poller = new HttpEventPoller(link, { timeoutSeconds: 0, reconnect: { initialDelayMs: 1_000, maxDelayMs: 30_000 } }, () => {}, silentLogger);
  poller.start();
  try {
    await sleep(300);
    assert.ok(polls() <= 2, `${polls()} polls in 300 ms`);
  } finally {
    poller.close();
  }
});

test('events keep being fetched without a pause while they come', async () => {
  let polls = 0;
  const seen: unknown[] = [];
  const link = {
    description: 'http test',
    call: () => {
      polls++;
      const data = polls <= 5 ? [{ id: `e${polls}` }] : [];
      return new Promise((resolve) => setImmediate(() => resolve({ status: 'ok', retcode: 0, data, message: '' })));
    },
  } as unknown as HttpActionLink;
  const poller = new HttpEventPoller(link, { timeoutSeconds: 0, reconnect: { initialDelayMs: 1_000, maxDelayMs: 30_000 } }, (event) => seen.push(event), silentLogger);
  poller.start();
  try {
    while (seen.length < 5) await sleep(5);
    assert.equal(seen.length, 5);
  } finally {
    poller.close();
  }
});
