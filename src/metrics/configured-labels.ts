import type { DeploymentConfig } from '../config/resolved-config.js';

/** The label a name gets when no `models` entry configures it. */
export const unconfiguredLabel = 'other';

/** What the labels are checked against: the running configuration's `models` (a reload replaces it). */
export interface LabelSource {
  models: ReadonlyMap<string, readonly DeploymentConfig[]>;
}

/**
 * Model and deployment labels of configured names only. A request's model is whatever the caller
 * sent: `provider/<anything>` and names a provider's `models` glob claims are served, and so are
 * counted, but as labels they would show every caller's model names to whoever reads `/metrics`,
 * and let any caller add series. So a model label is a `models` alias, a deployment label one of
 * their `provider/model` deployments, and anything else is `other`: the label set is as large as
 * the configuration, whatever callers send.
 */
export class ConfiguredLabels {
  private seen: LabelSource | undefined;
  private models = new Set<string>();
  private deployments = new Set<string>();

  constructor(private readonly source: () => LabelSource) {}

  model(name: string): string {
    this.refresh();
    return this.models.has(name) ? name : unconfiguredLabel;
  }

  deployment(name: string): string {
    this.refresh();
    return this.deployments.has(name) ? name : unconfiguredLabel;
  }

  /** Rebuilds the sets when the configuration was replaced (a reload): one identity check per record otherwise. */
  private refresh(): void {
    const current = this.source();
    if (current === this.seen) return;
    this.seen = current;
    this.models = new Set(current.models.keys());
    this.deployments = new Set([...current.models.values()].flatMap((deployments) => deployments.map((deployment) => `${deployment.provider}/${deployment.model}`)));
  }
}
