import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { InterlinguaError } from '../interlingua/error.js';
import { decodePathPiece } from './path-piece.js';
import { dialectNames, dialects } from '../dialects/registry.js';
import { upstreamDialectNames } from '../config/schema.js';
import { defaultSettings } from '../config/defaults.js';
import { budgetPeriods } from '../keys/gateway-key.js';
import type { KeyLimitsChange } from '../keys/key-records.js';
import { periodStart } from '../keys/budget-period.js';
import { expiryMoment } from '../keys/key-spec.js';
import { queryUsageSeries, queryUsageTotals } from '../usage/usage-series-query.js';
import { queryUsageLog, type UsageLogFilter } from '../usage/usage-log.js';
import { sendUsageCsv } from './usage-csv-response.js';
import { keySpendSince, spendByKey } from '../usage/key-spend.js';
import type { GatewayServices } from './services.js';
import type { ModelCatalog } from '../catalog/model-catalog.js';
import { fitRequestToModel } from '../catalog/fit-request.js';
import { catalogVendorOf } from './catalog-vendor.js';
import { deploymentHealth, deploymentOverview } from './admin-deployments.js';
import { checkDeployment } from './deployment-check.js';
import { parseJsonBody, readBody, sendJson } from './http-io.js';
import { usageStore } from './usage-store.js';
import { filterText, momentParam, wholeNumber } from './admin-query-values.js';
import { withoutUrlCredentials } from '../core/url-credentials.js';

/**
 * The admin routes the console reads, beside the core ones in `admin-api.ts` and behind the same
 * admin key (checked there first). Returns false when no route here matches.
 *
 * - `GET /admin/overview?since=24h&buckets=48`: usage as time series per model and per deployment, with totals
 *   and `previous`, the totals of the period of the same length before it
 * - `GET /admin/usage/log?key=&model=&deployment=&status=ok|error|4xx|5xx|<code>&since=&until=&limit=&offset=`: the request log, newest first
 * - `GET /admin/usage/export.csv` (same filters; every matching row, or `limit` of them): the log as CSV, streamed
 * - `GET /admin/keys/spend`: each key's requests and spend, in total and in its budget period, with how many had no price
 * - `PATCH /admin/keys/{id or name}`: change a key's models, limits, budget, expiry (`null` lifts one; a field left out keeps its value)
 * - `GET /admin/models`: the configured models, their deployments and the providers
 * - `GET /admin/health`: each deployment's health and cooldown
 * - `GET /admin/deployments/stats?since=24h`: each deployment's attempts, failures by whose fault, latency, cooldown
 *   now, cooldown history (this replica's) and its last health checks
 * - `POST /admin/deployments/{provider/model}/check`: one minimal request to that deployment, its status and latency
 * - `POST /admin/translate`: `{from, to, model?, body}` → the interlingua, the target's body, warnings
 * - `GET /admin/exchanges`, `GET /admin/exchanges/{id}`: captured exchanges (`console.captureBodies`)
 */
export async function handleConsoleAdminRequest(services: GatewayServices, path: string, method: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const params = new URL(request.url ?? '/', 'http://gateway').searchParams;
  if (method === 'GET') {
    switch (path) {
      case '/overview':
        request.resume();
        sendJson(response, 200, await overview(services, params));
        return true;
      case '/usage/log': {
        request.resume();
        const page = await queryUsageLog(await usageStore(services.store), invalidAsRequest(() => logFilter(params, 50, 1000)));
        sendJson(response, 200, { object: 'list', data: page.records, total: page.total });
        return true;
      }
      case '/usage/export.csv': {
        request.resume();
        // Every row the filters match (or `limit` of them), streamed a page at a time: it once stopped at 100,000 without a word.
        await sendUsageCsv(await usageStore(services.store), invalidAsRequest(() => logFilter(params, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)), response, services.logger);
        return true;
      }
      case '/keys/spend':
        request.resume();
        sendJson(response, 200, { object: 'list', data: await keySpend(services) });
        return true;
      case '/models':
        request.resume();
        sendJson(response, 200, models(services));
        return true;
      case '/health':
        request.resume();
        sendJson(response, 200, { tracked: true, ...(await deploymentHealth(services)) });
        return true;
      case '/deployments/stats':
        request.resume();
        sendJson(response, 200, await deploymentOverview(services, invalidAsRequest(() => momentParam(params.get('since') ?? '24h', Date.now(), 'since'))));
        return true;
      case '/exchanges':
        request.resume();
        sendJson(response, 200, { object: 'list', capturing: services.exchanges !== undefined, capacity: services.exchanges?.capacity ?? 0, data: services.exchanges?.list() ?? [] });
        return true;
      default: {
        const exchangePath = /^\/exchanges\/([^/]+)$/.exec(path);
        if (exchangePath?.[1] === undefined) return false;
        request.resume();
        const exchange = services.exchanges?.get(decodePathPiece(exchangePath[1], 'exchange id'));
        if (exchange === undefined) throw new InterlinguaError('not_found', services.exchanges === undefined ? 'Capture is off: set console.captureBodies in the configuration.' : `No captured exchange "${exchangePath[1]}" (only the last ${services.exchanges.capacity} are kept).`);
        sendJson(response, 200, exchange);
        return true;
      }
    }
  }
  if (method === 'POST' && path === '/translate') {
    const body = parseJsonBody(await readBody(request, services.config.server.maxBodyBytes));
    sendJson(response, 200, translate(body, services.catalog));
    return true;
  }
  const checkPath = /^\/deployments\/(.+)\/check$/.exec(path);
  if (method === 'POST' && checkPath?.[1] !== undefined) {
    request.resume();
    sendJson(response, 200, await checkDeployment(services, decodePathPiece(checkPath[1], 'deployment')));
    return true;
  }
  const keyPath = /^\/keys\/([^/]+)$/.exec(path);
  if (method === 'PATCH' && keyPath?.[1] !== undefined) {
    const name = decodePathPiece(keyPath[1], 'key name');
    const body = parseJsonBody(await readBody(request, services.config.server.maxBodyBytes));
    const updated = await services.keys.update(name, invalidAsRequest(() => keyChange(body)));
    if (updated === undefined) throw new InterlinguaError('not_found', `No key has the id or name "${name}".`);
    services.access.authenticator.forget();
    sendJson(response, 200, updated);
    return true;
  }
  return false;
}

async function overview(services: GatewayServices, params: URLSearchParams) {
  const now = Date.now();
  const { since, buckets } = invalidAsRequest(() => {
    const since = momentParam(params.get('since') ?? '24h', now, 'since');
    const bucketsText = params.get('buckets');
    const buckets = bucketsText === null ? 48 : wholeNumber(bucketsText, 'buckets', 1, 500);
    if (since >= now) throw new Error('since: must be in the past');
    return { since, buckets };
  });
  const bucketMs = Math.max(1000, Math.ceil((now - since) / buckets / 1000) * 1000);
  // The previous period is as long as this one and ends where it begins.
  const previousSince = since - (now - since);
  const store = await usageStore(services.store);
  // Added up by the database (usage-series-query.ts), not here: the records of a month are 200,000 rows.
  const series = await queryUsageSeries(store, since, bucketMs, buckets);
  return { ...series, previous: await queryUsageTotals(store, previousSince, since) };
}

function logFilter(params: URLSearchParams, defaultLimit: number, maxLimit: number): UsageLogFilter {
  const now = Date.now();
  const filter: UsageLogFilter = { limit: defaultLimit, offset: 0 };
  const text = (name: string) => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const key = text('key');
  if (key !== undefined) filter.keyName = filterText(key, 'key');
  const model = text('model');
  if (model !== undefined) filter.model = filterText(model, 'model');
  const deployment = text('deployment');
  if (deployment !== undefined) filter.deployment = filterText(deployment, 'deployment');
  const status = text('status');
  if (status !== undefined) {
    if (status === 'ok' || status === 'error' || status === '4xx' || status === '5xx') filter.status = status;
    else if (/^\d{3}$/.test(status)) filter.status = Number(status);
    else throw new Error(`status: "${status}" is neither ok, error, 4xx, 5xx nor an HTTP status`);
  }
  const since = text('since');
  if (since !== undefined) filter.since = momentParam(since, now, 'since');
  const until = text('until');
  if (until !== undefined) filter.until = momentParam(until, now, 'until');
  const limit = text('limit');
  if (limit !== undefined) filter.limit = wholeNumber(limit, 'limit', 1, maxLimit);
  const offset = text('offset');
  if (offset !== undefined) filter.offset = wholeNumber(offset, 'offset', 0);
  return filter;
}

async function keySpend(services: GatewayServices) {
  const store = await usageStore(services.store);
  const [keys, spend] = await Promise.all([services.keys.list(), spendByKey(store)]);
  const byId = new Map(spend.map((entry) => [entry.keyId, entry]));
  const now = Date.now();
  return Promise.all(
    keys.map(async (key) => {
      const used = byId.get(key.id);
      const period = key.budget === undefined ? undefined : await keySpendSince(store, key.id, periodStart(key.budget.period, now));
      return {
        keyId: key.id,
        name: key.name,
        requests: used?.requests ?? 0,
        // `cost` adds the priced requests; `unpricedRequests` says how many had no price (a cost unknown, not $0).
        cost: used?.cost ?? 0,
        unpricedRequests: used?.unpricedRequests ?? 0,
        inputTokens: used?.inputTokens ?? 0,
        outputTokens: used?.outputTokens ?? 0,
        ...(used !== undefined ? { lastUsedAt: used.lastUsedAt } : {}),
        ...(period !== undefined ? { periodSpend: period.cost, periodUnpricedRequests: period.unpricedRequests } : {}),
      };
    }),
  );
}

function models(services: GatewayServices) {
  const { config } = services;
  return {
    models: [...config.models.entries()].map(([name, deployments]) => ({
      name,
      deployments: deployments.map((deployment) => {
        const provider = config.providers.get(deployment.provider);
        return { name: `${deployment.provider}/${deployment.model}`, provider: deployment.provider, model: deployment.model, dialect: provider?.dialect ?? 'unknown' };
      }),
    })),
    providers: [...config.providers.values()].map((provider) => ({
      name: provider.name,
      dialect: provider.dialect,
      baseUrl: withoutUrlCredentials(provider.baseUrl),
      ...(provider.preset !== undefined ? { preset: provider.preset } : {}),
      modelPatterns: provider.modelPatterns.map((pattern) => pattern.source),
    })),
    dialects: dialectNames,
    capturing: services.exchanges !== undefined,
    authRequired: config.auth.required,
  };
}

const translateSchema = z
  .object({
    from: z.enum(upstreamDialectNames),
    to: z.enum(upstreamDialectNames),
    model: z.string().min(1).optional(),
    body: z.unknown(),
  })
  .strict();

/** `interlingua convert` as a route: one request body from one dialect to another, fitted to the model as a request would be, nothing sent. */
function translate(input: unknown, catalog: ModelCatalog) {
  const parsedInput = translateSchema.safeParse(input);
  if (!parsedInput.success) {
    const issue = parsedInput.error.issues[0];
    throw new InterlinguaError('invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const { from, to, model, body } = parsedInput.data;
  const parsed = dialects[from].parseRequest(body, model === undefined ? {} : { model });
  const target = model ?? parsed.request.model;
  const fitted = fitRequestToModel(parsed.request, catalog.factsFor(catalogVendorOf({ dialect: to }, target), target));
  const emitted = dialects[to].emitRequest(fitted.value, { model: target, defaultMaxOutputTokens: defaultSettings.defaultMaxTokens });
  return { interlingua: parsed.request, body: emitted.body, warnings: [...parsed.warnings, ...fitted.warnings, ...emitted.warnings] };
}

const limitChangeSchema = z
  .object({
    models: z.array(z.string().min(1)).min(1).nullable().optional(),
    rpm: z.number().int().positive().nullable().optional(),
    tpm: z.number().int().positive().nullable().optional(),
    budget: z.number().positive().nullable().optional(),
    budgetPeriod: z.enum(budgetPeriods).optional(),
    expires: z.union([z.string().min(1), z.number().int().positive()]).nullable().optional(),
  })
  .strict();

function keyChange(input: unknown): KeyLimitsChange {
  const parsed = limitChangeSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'key'}: ${issue?.message ?? 'invalid'}`);
  }
  const fields = parsed.data;
  const change: KeyLimitsChange = {};
  if (fields.models !== undefined) change.models = fields.models;
  if (fields.rpm !== undefined) change.rpm = fields.rpm;
  if (fields.tpm !== undefined) change.tpm = fields.tpm;
  // A field left out keeps its value: `{"budget": 20}` keeps a weekly budget weekly.
  if (fields.budget === null) {
    if (fields.budgetPeriod !== undefined) throw new Error('budgetPeriod: a budget lifted with null has no period');
    change.budget = null;
  } else if (fields.budget !== undefined || fields.budgetPeriod !== undefined) {
    change.budget = { ...(fields.budget !== undefined ? { usd: fields.budget } : {}), ...(fields.budgetPeriod !== undefined ? { period: fields.budgetPeriod } : {}) };
  }
  // Epoch seconds are refused, not read as 1970; an expiry that has passed is refused by the records (key-records.ts), where the key's own is known.
  if (fields.expires !== undefined) change.expiresAt = fields.expires === null ? null : expiryMoment(fields.expires, Date.now());
  return change;
}

function invalidAsRequest<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InterlinguaError) throw error;
    throw new InterlinguaError('invalid_request', (error as Error).message);
  }
}
