import type { GatewayKey } from '../keys/gateway-key.js';
import { keyAllowsModel } from '../keys/key-authenticator.js';
import type { Deployment, ModelRouter } from './model-router.js';

/**
 * The deployments of the model a caller asked for, as the router gives them. A key limited to some
 * models learns of no other from an unknown name's error: it is offered only the aliases it may
 * use (README "Keys, limits, usage and cost"); a key without a list, or no key, is offered every alias.
 */
export function resolveForKey(router: ModelRouter, requestedModel: string, key: GatewayKey | undefined): readonly Deployment[] {
  const allowList = key?.models === undefined ? undefined : key;
  return allowList === undefined ? router.resolve(requestedModel) : router.resolve(requestedModel, (alias) => keyAllowsModel(allowList, alias));
}
