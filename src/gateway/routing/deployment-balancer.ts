import type { RoutingSettings } from '../../config/resolved-config.js';
import type { InterlinguaError } from '../../interlingua/error.js';
import type { Logger } from '../logger.js';
import type { Deployment } from '../model-router.js';
import { isCallerFault } from '../retry-policy.js';
import { CooldownHistory } from './cooldown-history.js';
import { DeploymentLoad } from './deployment-load.js';
import { orderDeployments } from './deployment-order.js';
import type { HealthStore } from './health-store.js';
import type { StickyStore } from './sticky-store.js';

/** One deployment as the console and `GET /admin/deployments` show it. */
export interface DeploymentHealth {
  name: string;
  healthy: boolean;
  /** Epoch milliseconds; present while it is cooling down. */
  cooldownUntil?: number;
  inFlight: number;
  latencyMs?: number;
}

export interface DeploymentHealthSnapshot {
  deployments: DeploymentHealth[];
}

export interface BalancerOptions {
  health: HealthStore;
  sticky: StickyStore;
  logger: Logger;
  now?: () => number;
  random?: () => number;
}

/**
 * Chooses the order in which a request tries its model's deployments (strategy, tiers,
 * cooldowns, sticky conversations) and learns from every attempt. Shared state (cooldowns,
 * sticky choices) lives in a store that may be Redis; a failing store never fails a request, it
 * only costs the balancing its memory.
 */
export class DeploymentBalancer {
  readonly load = new DeploymentLoad();
  /** The cooldowns this replica started and when traffic came back after each. */
  readonly cooldowns = new CooldownHistory();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: BalancerOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** The order to try; at once, without a promise, for a model with one deployment and no sticky routing (most requests). */
  plan(deployments: readonly Deployment[], settings: RoutingSettings, conversation: string | undefined): readonly Deployment[] | Promise<Deployment[]> {
    if (deployments.length === 1 && !settings.sticky) return deployments;
    return this.ordered(deployments, settings, conversation);
  }

  private async ordered(deployments: readonly Deployment[], settings: RoutingSettings, conversation: string | undefined): Promise<Deployment[]> {
    const names = deployments.map((deployment) => deployment.name);
    const [cooling, preferred] = await Promise.all([
      settings.cooldown === undefined ? new Map<string, number>() : this.guard(() => this.options.health.cooling(names), new Map<string, number>()),
      settings.sticky && conversation !== undefined ? this.guard(() => this.options.sticky.get(conversation), undefined) : undefined,
    ]);
    return orderDeployments(deployments, {
      strategy: settings.strategy,
      cooling: new Set(cooling.keys()),
      inFlight: (name) => this.load.inFlight(name),
      latencyMs: (name) => this.load.latencyMs(name),
      ...(preferred !== undefined ? { preferred } : {}),
      random: this.random,
    });
  }

  /** Marks an attempt as started, in flight until `end`. */
  begin(deployment: Deployment): void {
    this.load.begin(deployment.name);
  }

  /** Marks an attempt `begin` started as over; once per `begin` (AttemptTracker sees to it). */
  end(deployment: Deployment): void {
    this.load.end(deployment.name);
  }

  succeeded(deployment: Deployment, latencyMs: number, settings: RoutingSettings, conversation: string | undefined): void {
    this.load.recordLatency(deployment.name, latencyMs);
    this.cooldowns.answered(deployment.name, this.now());
    if (settings.sticky && conversation !== undefined) void this.guard(() => this.options.sticky.set(conversation, deployment.name, settings.stickyMs), undefined);
  }

  /** A failure the caller did not cause counts towards the deployment's cooldown. */
  failed(deployment: Deployment, error: InterlinguaError, settings: RoutingSettings): void {
    const cooldown = settings.cooldown;
    if (cooldown === undefined || isCallerFault(error)) return;
    void this.guard(async () => {
      const until = await this.options.health.recordFailure(deployment.name, cooldown);
      // It began when the store started it; its length is then exactly the configured one.
      if (until !== undefined) this.cooldowns.started(deployment.name, { status: error.upstream?.status ?? error.status, code: error.code, message: error.message }, cooldown, until - cooldown.cooldownMs, until);
    }, undefined);
  }

  async snapshot(deployments: readonly Deployment[]): Promise<DeploymentHealthSnapshot> {
    const names = [...new Set([...deployments.map((deployment) => deployment.name), ...this.load.names()])].sort();
    const cooling = await this.guard(() => this.options.health.cooling(names), new Map<string, number>());
    const now = this.now();
    return {
      deployments: names.map((name) => {
        const until = cooling.get(name);
        const latency = this.load.latencyMs(name);
        const healthy = until === undefined || until <= now;
        return {
          name,
          healthy,
          ...(healthy ? {} : { cooldownUntil: until }),
          inFlight: this.load.inFlight(name),
          ...(latency !== undefined ? { latencyMs: Math.round(latency) } : {}),
        };
      }),
    };
  }

  private async guard<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.options.logger.warn('routing state unavailable', { error: String(error) });
      return fallback;
    }
  }
}
