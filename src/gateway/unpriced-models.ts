import type { GatewayConfig } from '../config/resolved-config.js';
import type { PriceTable } from '../usage/prices.js';
import type { Logger } from './logger.js';
import { catalogVendorOf } from './catalog-vendor.js';

/**
 * Logs one warning naming every configured deployment whose model has no price, so that "no
 * price" in usage is expected rather than found later, and one for each `prices:` entry that
 * leaves other known models its name begins to their own price. A provider's model globs name no
 * models and are not checked.
 */
export function warnUnpricedModels(config: GatewayConfig, prices: PriceTable, logger: Logger): void {
  const unpriced = new Set<string>();
  const deployed: Array<[string, string | undefined]> = [];
  for (const deployments of config.models.values()) {
    for (const deployment of deployments) {
      const provider = config.providers.get(deployment.provider);
      const vendor = provider === undefined ? undefined : catalogVendorOf(provider, deployment.model);
      deployed.push([deployment.model, vendor]);
      if (prices.priceOf(deployment.model, vendor) === undefined) unpriced.add(`${deployment.provider}/${deployment.model}`);
    }
  }
  // A `prices:` entry does not price another known model its name begins (prices.ts, `configuredPrice`).
  for (const { entry, models } of prices.narrowedEntries(deployed)) {
    logger.warn(`prices: ${entry} does not price these other models whose names begin with it; they keep their own price`, { entry, models });
  }
  if (unpriced.size === 0) return;
  logger.warn('models without a price: their usage is recorded with no cost ("no price"); add them under prices: or catalog:', { models: [...unpriced].sort() });
}
