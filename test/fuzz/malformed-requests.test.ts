/**
 * Malformed requests at every route of every dialect (test/fuzz/support/fuzz-routes.ts) against a
 * gateway in a child process in front of a recording upstream: each answer is below 500, a
 * refusal is a 4xx in the caller's own error shape, a refused request never reaches the
 * upstream, and the process stays up. Bounded for CI; `FUZZ_SEED` and `FUZZ_RUNS` (cases per
 * route and kind, default 6) reproduce or widen a run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FuzzedGateway, fuzzMaxBodyBytes } from './support/fuzzed-gateway.js';
import { fuzzRoutes } from './support/fuzz-routes.js';
import { fuzzCategories, type FuzzCase } from './support/malformed-requests.js';
import { errorShapeProblem } from './support/error-shapes.js';
import { rawRequest, sendRaw, type RawAnswer } from './support/raw-http.js';
import { fuzzSettings } from './support/fuzz-settings.js';

const settings = fuzzSettings();
let gateway: FuzzedGateway;
/** Answers of 500 and above seen by the running test, whatever else was wrong (each test reports its counts). */
let serverErrors = 0;

/** A line `npm run probe` adds up over the suite (bench/probe-fuzz.ts). */
const countsLine = (cases: number, errors: number) => `fuzz cases: ${cases}, 5xx: ${errors}`;

before(async () => {
  gateway = await FuzzedGateway.start();
});

after(async () => {
  await gateway.stop();
});

/** What is wrong with the gateway's answer to a case, or undefined. */
async function problemWith(fuzzCase: FuzzCase, shape: Parameters<typeof errorShapeProblem>[0]): Promise<string | undefined> {
  const upstreamBefore = gateway.upstream.requests.length;
  const bytes = fuzzCase.raw ?? rawRequest(fuzzCase.method, fuzzCase.path, fuzzCase.headers, fuzzCase.body);
  const answer: RawAnswer = await sendRaw(gateway.port, bytes, settings.requestTimeoutMs);
  if (!gateway.alive) return `the gateway process died (${gateway.exitDescription})`;
  const upstreamCalls = gateway.upstream.requests.length - upstreamBefore;
  if (answer.status === 0) {
    // node's HTTP parser refuses an oversized head and resets the socket: no status can be read then.
    if (fuzzCase.raw !== undefined && answer.socketError === 'ECONNRESET') return undefined;
    return `no answer (${answer.socketError ?? 'connection closed'})`;
  }
  if (answer.status >= 500) serverErrors++;
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (fuzzCase.expect === 'refused' && (answer.status < 400 || answer.status >= 500)) return `not refused: ${answer.status} ${answer.body.slice(0, 200)}`;
  if (fuzzCase.upstreamUntouched && answer.status >= 400 && upstreamCalls > 0) return `refused with ${answer.status} after calling the upstream ${upstreamCalls} time(s)`;
  if (fuzzCase.expect === 'refused' && upstreamCalls > 0) return `the upstream was called ${upstreamCalls} time(s) before the refusal`;
  // Refusals by node's HTTP parser (a malformed head) come before any route: no body to shape,
  // and no request id, which the gateway gives every answer of its own.
  const parserRefusal = answer.headers['x-request-id'] === undefined && answer.body === '' && [400, 413, 431].includes(answer.status);
  if (answer.status >= 400 && !parserRefusal) return errorShapeProblem(shape, answer.status, answer.body);
  if (/root:.*:0:0:/.test(answer.body) || answer.body.includes('"devDependencies"')) return 'a file outside the console was served';
  return undefined;
}

describe('malformed requests at every route', () => {
  for (const route of fuzzRoutes) {
    describe(route.name, () => {
      for (const category of fuzzCategories) {
        const generated = category.cases(route, { maxBodyBytes: fuzzMaxBodyBytes });
        if (generated === undefined) continue;
        // A counterexample prints as its label: the bodies run to megabytes.
        const cases = generated.map((fuzzCase) => Object.assign(fuzzCase, { [fc.toStringMethod]: () => `${fuzzCase.method} ${fuzzCase.path.slice(0, 120)} (${fuzzCase.label})` }));
        test(category.name, async (context) => {
          // A case that ended the process has failed its own test; the next one starts on a fresh gateway.
          await gateway.ensureRunning();
          let sent = 0;
          serverErrors = 0;
          try {
            await fc.assert(
              fc.asyncProperty(cases, async (fuzzCase) => {
                sent++;
                const problem = await problemWith(fuzzCase, route.shape);
                if (problem !== undefined) throw new Error(`${route.name}, ${fuzzCase.label}: ${problem}`);
              }),
              { seed: settings.seed, numRuns: category.heavy === true ? settings.heavyRuns : settings.runs, endOnFailure: !settings.shrink, includeErrorInReport: true },
            );
          } finally {
            context.diagnostic(countsLine(sent, serverErrors));
          }
        });
      }
    });
  }
});

/**
 * Rounds of malformed requests leave nothing behind: the heap after a forced collection, once the
 * gateway is idle, ends where it stood after the first round (which loads what is loaded once,
 * such as the tokenizer). Each round draws new cases, so a leak per distinct value shows; the
 * costly kinds (megabyte bodies, deep JSON) are left to the tests above. The allowance covers
 * what is bounded by design (metric series for new model names, up to their cap) and noise.
 */
test('memory returns to its baseline after rounds of malformed requests', async (context) => {
  await gateway.ensureRunning();
  // Each round draws new cases (a seed of its own), so that what a leak keeps per distinct value shows too.
  const round = (seed: number) =>
    fuzzRoutes.flatMap((route) =>
      fuzzCategories.flatMap((category) => {
        const cases = category.heavy === true ? undefined : category.cases(route, { maxBodyBytes: fuzzMaxBodyBytes });
        return cases === undefined ? [] : fc.sample(cases, { seed, numRuns: 1 });
      }),
    );
  let sent = 0;
  let sentInAll = 0;
  serverErrors = 0;
  const send = async (seed: number) => {
    for (const fuzzCase of round(seed)) {
      const answer = await sendRaw(gateway.port, fuzzCase.raw ?? rawRequest(fuzzCase.method, fuzzCase.path, fuzzCase.headers, fuzzCase.body), settings.requestTimeoutMs);
      if (answer.status >= 500) serverErrors++;
      sent++;
      sentInAll++;
    }
  };
  // Measured once the gateway is idle: usage records wait up to a second before they are written.
  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return gateway.memory();
  };
  await send(settings.seed);
  sent = 0;
  const baseline = await settled();
  for (let index = 1; index <= settings.memoryRounds; index++) await send(settings.seed + index);
  const after = await settled();
  context.diagnostic(countsLine(sentInAll, serverErrors));
  assert.equal(serverErrors, 0, `${serverErrors} of the memory rounds' requests were answered with a 5xx`);
  assert.ok(gateway.alive, `the gateway process died (${gateway.exitDescription})`);
  const growth = after.heapUsedBytes - baseline.heapUsedBytes;
  context.diagnostic(`heap ${baseline.heapUsedBytes} → ${after.heapUsedBytes} bytes after ${sent} requests; RSS ${baseline.rssBytes} → ${after.rssBytes}`);
  assert.ok(
    growth < memoryAllowanceBytes,
    `the heap grew by ${(growth / 1024).toFixed(0)} KiB over ${sent} requests (${(growth / sent).toFixed(0)} bytes each): from ${baseline.heapUsedBytes} to ${after.heapUsedBytes}`,
  );
});

const memoryAllowanceBytes = 3 * 1024 * 1024;
