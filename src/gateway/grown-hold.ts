import type { ChatRequest } from '../interlingua/request.js';
import type { Usage } from '../interlingua/usage.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { InterlinguaError } from '../interlingua/error.js';
import { costOf } from '../usage/cost.js';
import { catalogVendorOf } from './catalog-vendor.js';
import type { Deployment } from './model-router.js';
import type { RequestMeter } from './request-meter.js';
import type { GatewayServices } from './services.js';
import { spendCeiling } from './spend-ceiling.js';

/** What a request's earlier model calls used, and the deployment its record will price them for. */
export interface SpentSoFar {
  usage: Usage;
  deployment: Deployment;
}

/**
 * Grows a request's hold on its key's budget to cover what it is about to send: what it spent so
 * far (a plugin loop's earlier calls) plus the most the next call may cost (spend-ceiling.ts).
 * Admission held for the request as it came; a conversation replayed from the store, results
 * carried into it and each further call of a plugin loop are sent too. Only the part not yet
 * held is asked for, so a loop holds about what it spent plus one call. Refused with the key's
 * spent-budget error when what is spent and held leaves no room for it.
 */
export async function holdToCover(
  services: Pick<GatewayServices, 'router' | 'prices' | 'catalog' | 'access'>,
  key: GatewayKey,
  meter: RequestMeter,
  request: ChatRequest,
  spent?: SpentSoFar,
): Promise<void> {
  const ceiling = await spendCeiling(services, request);
  if (ceiling === undefined) return;
  let held = meter.hold?.dollars ?? 0;
  for (const hold of meter.grownHolds) held += hold.dollars;
  const more = costSoFar(services, spent) + ceiling - held;
  if (more <= 0) return;
  const hold = await services.access.holdMore(key, more);
  if (hold !== undefined) meter.grownHolds.push(hold);
}

/**
 * Holds, as `holdToCover` does, for a call an attempt makes of its own accord (tool emulation's
 * repair, DeploymentCall.holdForFurtherCall): what the attempt spent is priced at its deployment.
 * A refusal is returned rather than thrown, so that the attempt ends as a failed repair does (the
 * model's unreadable call is what failed it), its tokens still counted and the refusal told.
 */
export function furtherCallHolds(
  services: Pick<GatewayServices, 'router' | 'prices' | 'catalog' | 'access'>,
  key: GatewayKey,
  meter: RequestMeter,
): (deployment: Deployment, request: ChatRequest, spent: Usage) => Promise<InterlinguaError | undefined> {
  return async (deployment, request, spent) => {
    try {
      await holdToCover(services, key, meter, request, { usage: spent, deployment });
      return undefined;
    } catch (error) {
      if (error instanceof InterlinguaError) return error;
      throw error;
    }
  };
}

/** Priced as the request's usage record will price it: for the deployment that answered. */
function costSoFar(services: Pick<GatewayServices, 'prices'>, spent: SpentSoFar | undefined): number {
  if (spent === undefined) return 0;
  const { deployment } = spent;
  return costOf(spent.usage, services.prices.priceOf(deployment.model, catalogVendorOf(deployment.provider, deployment.model))) ?? 0;
}
