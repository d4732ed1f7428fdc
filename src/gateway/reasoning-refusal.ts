/**
 * Models that do not think, learned from the upstream. Ollama answers a request that asks a model
 * without the thinking capability to think with HTTP 400 `{"error":"\"llama3.1:8b\" does not support
 * thinking"}` (server/routes.go, ChatHandler and GenerateHandler; on its OpenAI route inside
 * `error.message`, github.com/Gitlawb/openclaude/issues/1371). Callers ask for reasoning by
 * default (Claude Code sends `thinking` on every turn, github.com/CherryHQ/cherry-studio/pull/18744),
 * and Ollama itself lets such a request through without thinking when it comes by its Anthropic
 * route. So such a deployment is asked again at once without reasoning, with a warning, and
 * remembered: its later requests go without reasoning from the start.
 */
import type { ChatResponse } from '../interlingua/response.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import { InterlinguaError } from '../interlingua/error.js';
import { isReasoningOn } from '../core/reasoning-budget.js';
import type { Carried, DeploymentCall, DeploymentTransport } from './deployment-transport.js';
import type { Deployment } from './model-router.js';
import type { EventBatches } from './upstream-events.js';
import type { Forwarded } from './pass-through/forwarded.js';
import { RecentMap } from '../core/recent-map.js';
import { learnedDeployments } from './learned-deployments.js';

const refusal = /does not support thinking/i;

/** Whether the upstream refused the request because the model does not think. */
export function refusesReasoning(error: InterlinguaError): boolean {
  if (error.status !== 400 && error.upstream?.status !== 400) return false;
  return refusal.test(`${error.message}\n${error.upstream?.body ?? ''}`);
}

const withoutReasoningWarning: Warning = {
  type: 'unsupported',
  feature: 'reasoning',
  message: 'The upstream says this model does not think; the request was sent without reasoning.',
};

export class ReasoningRefusalTransport implements DeploymentTransport {
  /** Deployments whose upstream refused reasoning, by provider and model. */
  private readonly refused = new RecentMap<string, true>(learnedDeployments);

  constructor(private readonly inner: DeploymentTransport) {}

  /** How many deployments are remembered as not thinking; read-only, for tests and diagnostics. */
  get learned(): number {
    return this.refused.size;
  }

  complete(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    return this.attempt(call, (sent) => this.inner.complete(sent));
  }

  stream(call: DeploymentCall): Promise<Carried<EventBatches>> {
    return this.attempt(call, (sent) => this.inner.stream(sent));
  }

  forward(call: DeploymentCall): Promise<Carried<Forwarded> | undefined> {
    const forward = this.inner.forward;
    if (forward === undefined) return Promise.resolve(undefined);
    return this.attempt(call, (sent) => forward.call(this.inner, sent));
  }

  /** Sends the call as it is unless it asks for reasoning of a deployment known not to think (not async: most calls pass straight through). */
  private attempt<R extends Carried<unknown> | undefined>(call: DeploymentCall, send: (call: DeploymentCall) => Promise<R>): Promise<R> {
    const asks = call.request.reasoning !== undefined && isReasoningOn(call.request.reasoning);
    return asks ? this.attemptAsking(call, send) : send(call);
  }

  /** Learns from a refusal once, and sends again without reasoning. */
  private async attemptAsking<R extends Carried<unknown> | undefined>(call: DeploymentCall, send: (call: DeploymentCall) => Promise<R>): Promise<R> {
    if (!this.refused.has(key(call.deployment))) {
      try {
        return await send(call);
      } catch (caught) {
        if (!(caught instanceof InterlinguaError) || !refusesReasoning(caught)) throw caught;
        this.refused.set(key(call.deployment), true);
      }
    }
    const sent = await send({ ...call, request: withoutReasoning(call.request) });
    return (sent === undefined ? sent : { value: sent.value, warnings: [withoutReasoningWarning, ...sent.warnings] }) as R;
  }
}

function withoutReasoning(request: ChatRequest): ChatRequest {
  const { reasoning: _left, ...rest } = request;
  return rest;
}

function key(deployment: Deployment): string {
  return `${deployment.provider.name}\u0000${deployment.model}`;
}
