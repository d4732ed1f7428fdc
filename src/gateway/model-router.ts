import type { DeploymentConfig, GatewayConfig, ProviderConfig, RoutingSettings } from '../config/resolved-config.js';
import { InterlinguaError } from '../interlingua/error.js';
import { echoedValue } from '../core/echoed-value.js';

/** One place a model can be served: a provider and the model name it knows. */
export interface Deployment {
  /** `provider/model`: how health, stickiness and logs name it, the same on every replica. */
  name: string;
  provider: ProviderConfig;
  model: string;
  /** Share of traffic under the `weighted` strategy (default 1). */
  weight?: number;
  /** Fallback tier: lower is tried first (default 0). */
  priority?: number;
  /** `emulate` writes tools into the prompt (src/tool-emulation/); unset means native, with detection. */
  toolCalling?: 'native' | 'emulate';
  toolFormat?: DeploymentConfig['toolFormat'];
}

/**
 * Maps the model name a caller asked for to the deployments that serve it, in the order they
 * are tried: a `models` entry first, then `provider/model` addressing a provider directly,
 * then a provider whose `models` globs claim the bare name.
 */
export class ModelRouter {
  /**
   * A configured alias's deployments, made once: every request resolves its model, and the
   * deployments' names key the balancer's maps. A reload makes a new router, so this never outlives its configuration.
   */
  private readonly configured = new Map<string, readonly Deployment[]>();

  constructor(private readonly config: GatewayConfig) {}

  /**
   * `listed` picks the aliases an unknown name's error may offer: a key limited to some models
   * must not learn the others' names from it (README "Keys and limits").
   */
  resolve(requestedModel: string, listed?: (alias: string) => boolean): readonly Deployment[] {
    const configured = this.configured.get(requestedModel) ?? this.aliasDeployments(requestedModel);
    if (configured !== undefined) return configured;
    const slash = requestedModel.indexOf('/');
    if (slash > 0) {
      const provider = this.config.providers.get(requestedModel.slice(0, slash));
      if (provider !== undefined) return [{ name: requestedModel, provider, model: requestedModel.slice(slash + 1) }];
    }
    const claiming = [...this.config.providers.values()].filter((provider) =>
      provider.modelPatterns.some((pattern) => pattern.test(requestedModel)),
    );
    if (claiming.length > 0) return claiming.map((provider) => ({ name: `${provider.name}/${requestedModel}`, provider, model: requestedModel }));
    const offered = listed === undefined ? this.listModels() : this.listModels().filter(listed);
    throw new InterlinguaError(
      'not_found',
      `The model ${echoedValue(requestedModel, 100)} does not exist here. Ask for one of: ${offered.join(', ') || (listed === undefined ? '(none configured)' : '(none)')}, or "<provider>/<model>".`,
      { param: 'model' },
    );
  }

  /** How the deployments of a model are put in order: its own settings, else the global ones. */
  routingFor(requestedModel: string): RoutingSettings {
    return this.config.modelRouting.get(requestedModel) ?? this.config.routing;
  }

  /** Every configured deployment, each once, for the health snapshot. */
  configuredDeployments(): Deployment[] {
    const seen = new Map<string, Deployment>();
    for (const model of this.config.models.keys()) for (const deployment of this.resolve(model)) if (!seen.has(deployment.name)) seen.set(deployment.name, deployment);
    return [...seen.values()];
  }

  /** Names a caller can ask for: the configured aliases. */
  listModels(): string[] {
    return [...this.config.models.keys()];
  }

  /** A configured alias's deployments, remembered; undefined for a name no `models` entry has. */
  private aliasDeployments(requestedModel: string): readonly Deployment[] | undefined {
    const configured = this.config.models.get(requestedModel);
    if (configured === undefined) return undefined;
    const deployments = configured.map((deployment) => ({
      name: `${deployment.provider}/${deployment.model}`,
      provider: this.provider(deployment.provider),
      model: deployment.model,
      ...(deployment.weight !== undefined ? { weight: deployment.weight } : {}),
      ...(deployment.priority !== undefined ? { priority: deployment.priority } : {}),
      ...(deployment.toolCalling !== undefined ? { toolCalling: deployment.toolCalling } : {}),
      ...(deployment.toolFormat !== undefined ? { toolFormat: deployment.toolFormat } : {}),
    }));
    this.configured.set(requestedModel, deployments);
    return deployments;
  }

  private provider(name: string): ProviderConfig {
    const provider = this.config.providers.get(name);
    if (provider === undefined) throw new InterlinguaError('internal', `Provider "${name}" is not configured.`);
    return provider;
  }
}
