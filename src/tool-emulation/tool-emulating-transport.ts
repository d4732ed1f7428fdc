/**
 * Tool calling for models that have none, as a decorator around any deployment transport.
 * A deployment is emulated when its configuration says `toolCalling: emulate`, when its upstream
 * is prompt-only (openai-completions: a prompt has no place for tool definitions of its own), or
 * once its upstream has refused tools (`refused-tools.ts`): that deployment is then tried again
 * at once with emulation, and remembered. Requests without tools pass through untouched.
 *
 * Prompt-only upstreams use this emulation even when the model's chat template can render tools:
 * then one format is written and read by the same code, whereas what a template writes (Llama 3.1
 * `parameters`, Mistral `[TOOL_CALLS]`) would need a reader per template. Hermes, the default for
 * Qwen, is also what the Qwen templates write; set `toolFormat` to match other models.
 */
import type { ChatResponse } from '../interlingua/response.js';
import { InterlinguaError } from '../interlingua/error.js';
import type { Carried, DeploymentCall, DeploymentTransport } from '../gateway/deployment-transport.js';
import type { Deployment } from '../gateway/model-router.js';
import type { EventBatches } from '../gateway/upstream-events.js';
import type { Forwarded } from '../gateway/pass-through/forwarded.js';
import { emulatedRequest, usesTools } from './emulated-request.js';
import { readEmulatedResponse } from './emulated-response.js';
import { emulatedEventBatches } from './emulated-stream.js';
import { toolFormatFor } from './format-registry.js';
import { refusesTools } from './refused-tools.js';
import type { RepairContext } from './repair.js';
import { RecentMap } from '../core/recent-map.js';
import { learnedDeployments } from '../gateway/learned-deployments.js';

export class ToolEmulatingTransport implements DeploymentTransport {
  /** Deployments whose upstream refused tools, by provider and model. */
  private readonly refused = new RecentMap<string, true>(learnedDeployments);

  constructor(private readonly inner: DeploymentTransport) {}

  // Each method hands a request without tools to the inner transport as it is, its promise
  // returned rather than awaited in a wrapper: every request passes here, most without tools.
  complete(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    return usesTools(call.request) ? this.completeWithTools(call) : this.inner.complete(call);
  }

  private async completeWithTools(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    if (!this.emulates(call.deployment)) {
      try {
        return await this.inner.complete(call);
      } catch (caught) {
        if (!this.learnRefusal(caught, call.deployment)) throw caught;
      }
    }
    const { context, warnings } = this.prepare(call);
    const answer = await this.inner.complete({ ...call, request: context.sent });
    const value = context.tools.length > 0 ? await readEmulatedResponse(answer.value, context) : answer.value;
    return { value, warnings: [...warnings, ...answer.warnings] };
  }

  stream(call: DeploymentCall): Promise<Carried<EventBatches>> {
    return usesTools(call.request) ? this.streamWithTools(call) : this.inner.stream(call);
  }

  private async streamWithTools(call: DeploymentCall): Promise<Carried<EventBatches>> {
    if (!this.emulates(call.deployment)) {
      try {
        return await this.inner.stream(call);
      } catch (caught) {
        if (!this.learnRefusal(caught, call.deployment)) throw caught;
      }
    }
    const { context, warnings } = this.prepare(call);
    const opened = await this.inner.stream({ ...call, request: context.sent });
    const value = context.tools.length > 0 ? emulatedEventBatches(opened.value, context) : opened.value;
    return { value, warnings: [...warnings, ...opened.warnings] };
  }

  /**
   * Forwards what needs no emulation. A request with tools for a deployment that emulates them is
   * parsed; one the upstream refuses for its tools is learned from, and then parsed (emulated).
   */
  forward(call: DeploymentCall): Promise<Carried<Forwarded> | undefined> {
    if (this.inner.forward === undefined) return Promise.resolve(undefined);
    return usesTools(call.request) ? this.forwardWithTools(call) : this.inner.forward(call);
  }

  private async forwardWithTools(call: DeploymentCall): Promise<Carried<Forwarded> | undefined> {
    if (this.emulates(call.deployment)) return undefined;
    try {
      return await this.inner.forward?.(call);
    } catch (caught) {
      if (!this.learnRefusal(caught, call.deployment)) throw caught;
      return undefined;
    }
  }

  private emulates(deployment: Deployment): boolean {
    return deployment.toolCalling === 'emulate' || deployment.provider.dialect === 'openai-completions' || this.refused.has(key(deployment));
  }

  /** Whether the failure was the upstream refusing tools; if so, the deployment is emulated from now on. */
  private learnRefusal(caught: unknown, deployment: Deployment): boolean {
    if (!(caught instanceof InterlinguaError) || !refusesTools(caught)) return false;
    this.refused.set(key(deployment), true);
    return true;
  }

  private prepare(call: DeploymentCall): { context: RepairContext; warnings: Carried<unknown>['warnings'] } {
    const format = toolFormatFor(call.deployment.model, call.deployment.toolFormat);
    const emulated = emulatedRequest(call.request, format);
    return { context: { inner: this.inner, call, sent: emulated.request, format, tools: emulated.readTools, taken: emulated.callsTaken }, warnings: emulated.warnings };
  }
}

function key(deployment: Deployment): string {
  return `${deployment.provider.name}\u0000${deployment.model}`;
}
