import type { ServerResponse } from 'node:http';
import type { Store } from '../store/open-store.js';
import type { UsageLogFilter } from '../usage/usage-log.js';
import { exportUsageCsv } from '../usage/usage-csv-export.js';
import type { Logger } from './logger.js';

/**
 * `GET /admin/usage/export.csv`: the whole export, streamed (chunked, so no content-length) one
 * page at a time (usage-csv-export.ts). Each page waits for the socket to drain, then for a turn
 * of the event loop, so neither a slow download nor SQLite's synchronous reads hold the gateway.
 * The answer begins only once the first page is read, so a refusal (the database away) is still
 * an ordinary error; a failure after that cuts the download short (the chunked body never ends),
 * which a client sees as an incomplete file rather than a complete one.
 */
export async function sendUsageCsv(store: Store, filter: UsageLogFilter, response: ServerResponse, logger: Logger, pageRows?: number): Promise<void> {
  let started = false;
  const write = async (text: string) => {
    if (!started) {
      started = true;
      response.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="interlingua-usage.csv"',
        'cache-control': 'no-store',
      });
    }
    if (response.destroyed) throw new DownloadAbandoned();
    if (!response.write(text)) await drained(response);
    // A turn of the event loop after the drain as well: continuing inside the drain's callback kept
    // every other connection waiting until the whole export was sent (a /health probe, 6 s).
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (response.destroyed) throw new DownloadAbandoned();
  };
  try {
    await exportUsageCsv(store, filter, write, pageRows);
    response.end();
  } catch (error) {
    if (!started) throw error;
    if (!(error instanceof DownloadAbandoned)) logger.error('usage export cut short', { error: String(error) });
    response.destroy();
  }
}

/** Resolves once the socket takes more, or the client has gone; leaves no listener behind. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** The client went away mid-export: nothing more is read for it. */
class DownloadAbandoned extends Error {}
