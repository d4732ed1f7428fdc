import type { DeploymentStats } from '../../src/usage/deployment-stats.js';
import type { CooldownEvent } from '../../src/gateway/routing/cooldown-history.js';
import type { Warning } from '../../src/interlingua/warning.js';

/** The admin API as the console calls it: the admin key lives in sessionStorage only, never in a URL. */
const storageKey = 'interlingua.adminKey';

export function savedAdminKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function saveAdminKey(key: string): void {
  sessionStorage.setItem(storageKey, key);
}

/** Why the console signed out without being asked to, for the sign-in page to say. */
const signOutReasonKey = 'interlingua.signOutReason';

export function forgetAdminKey(reason?: string): void {
  sessionStorage.removeItem(storageKey);
  if (reason !== undefined) sessionStorage.setItem(signOutReasonKey, reason);
  window.dispatchEvent(new Event('interlingua:logout'));
}

/** The reason of the last sign-out the user did not ask for, once. */
export function takeSignOutReason(): string | null {
  const reason = sessionStorage.getItem(signOutReasonKey);
  sessionStorage.removeItem(signOutReasonKey);
  return reason;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The message an error body carries, whatever the dialect's shape. */
export function errorMessage(body: unknown, status: number): string {
  if (body !== null && typeof body === 'object') {
    const error = (body as { error?: unknown }).error;
    if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
    if (typeof error === 'string') return error;
  }
  return `The gateway answered ${status}.`;
}

async function request(path: string, init: RequestInit = {}, key = savedAdminKey()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key !== null) headers.set('authorization', `Bearer ${key}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`/admin${path}`, { ...init, headers, cache: 'no-store' });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    // A key that stopped working (changed configuration) sends the user back to the login page.
    if (response.status === 401 && key !== null && key === savedAdminKey()) {
      forgetAdminKey('The admin key of this session stopped working (the gateway’s configuration may have changed). Sign in again.');
    }
    throw new ApiError(errorMessage(body, response.status), response.status);
  }
  return response;
}

export async function getJson<T>(path: string, key?: string): Promise<T> {
  return (await (await request(path, {}, key)).json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return (await (await request(path, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })).json()) as T;
}

export async function getBlob(path: string): Promise<Blob> {
  return (await request(path)).blob();
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

// The admin API's shapes, as the console reads them.
export type { GatewayKey } from '../../src/keys/gateway-key.js';

export interface KeySpend {
  keyId: string;
  name: string;
  requests: number;
  /** Dollars of the priced requests. */
  cost: number;
  /** Requests whose model had no price, not in `cost`. */
  unpricedRequests: number;
  inputTokens: number;
  outputTokens: number;
  lastUsedAt?: number;
  /** With a budget: dollars in its current period, and requests there with no price. */
  periodSpend?: number;
  periodUnpricedRequests?: number;
}

/** The server's own record type: the admin API returns it as is. */
export type { UsageRecord } from '../../src/usage/usage-record.js';

export type { UsageSeriesGroup as SeriesGroup, UsageSeries as Overview, UsageTotals } from '../../src/usage/usage-series.js';

export interface ModelsInfo {
  models: Array<{ name: string; deployments: Array<{ name: string; provider: string; model: string; dialect: string }> }>;
  providers: Array<{ name: string; dialect: string; baseUrl: string; preset?: string; modelPatterns: string[] }>;
  dialects: string[];
  capturing: boolean;
  authRequired: boolean;
}

export interface Health {
  tracked: boolean;
  deployments: Array<{ name: string; healthy: boolean; cooldownUntil?: number }>;
}

export type { DeploymentStats };
export type { CooldownEvent };

/** `GET /admin/deployments/stats`: each deployment with its numbers over the period and its health now. */
export interface DeploymentsView {
  since: number;
  data: Array<{
    name: string;
    models: string[];
    health: { name: string; healthy: boolean; cooldownUntil?: number; inFlight: number; latencyMs?: number };
    stats: DeploymentStats;
    /** The cooldowns the replica answering started, newest first. */
    cooldowns: CooldownEvent[];
    /** The last checks run on it, newest first. */
    checks: DeploymentCheck[];
  }>;
}

/** `POST /admin/deployments/{name}/check` (src/gateway/deployment-check.ts). */
export type DeploymentCheck =
  | { deployment: string; ok: true; status: 200; latencyMs: number; checkedAt: number }
  | { deployment: string; ok: false; status: number; errorCode: string; message: string; latencyMs: number; checkedAt: number };

/** The server's own warning type: exchanges and translations carry it as is. */
export type { Warning };

export interface ExchangeSummary {
  id: string;
  createdAt: number;
  caller: string;
  /** The `x-request-id` of the exchange; usage records carry the same. */
  requestId?: string;
  model: string;
  stream: boolean;
  status?: number;
  attempts: number;
  durationMs?: number;
  deployment?: string;
  errorCode?: string;
}

export interface Exchange extends ExchangeSummary {
  callerRequest: unknown;
  interlingua?: unknown;
  upstream?: { deployment: string; dialect: string; url: string; request: unknown; response?: unknown };
  callerResponse?: unknown;
  chunks: Array<{ upstream: string; events: unknown[]; caller: string }>;
  warnings: Warning[];
  error?: { code: string; message: string };
}
