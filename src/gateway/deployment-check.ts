import type { ChatRequest } from '../interlingua/request.js';
import { InterlinguaError } from '../interlingua/error.js';
import { Cancellation } from './cancellation.js';
import { toInterlinguaError } from './http-io.js';
import type { GatewayServices } from './services.js';

/** What one check of one deployment found. */
export type DeploymentCheck =
  | { deployment: string; ok: true; status: 200; latencyMs: number; checkedAt: number }
  | { deployment: string; ok: false; status: number; errorCode: string; message: string; latencyMs: number; checkedAt: number };

/** A check that has not answered in this long is reported as timed out. */
const checkTimeoutMs = 30_000;

/**
 * The smallest request a chat upstream takes: one short user turn and a small output cap. The
 * cap is 16, not 1, because OpenAI's Responses API (and Azure's) refuse less: "Invalid
 * 'max_output_tokens': integer below minimum value. Expected a value >= 16"
 * (https://github.com/vectorize-io/hindsight/issues/58).
 */
function checkRequest(model: string): ChatRequest {
  return { model, system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }], sampling: { maxOutputTokens: 16 }, stream: false };
}

/**
 * `POST /admin/deployments/{provider/model}/check`: sends the smallest request to that one
 * deployment, bypassing routing, and reports whether it answered, how and how fast; the last few
 * are kept for the deployments view. It is not metered as usage and does not move the deployment
 * in or out of a cooldown.
 */
export async function checkDeployment(services: GatewayServices, name: string): Promise<DeploymentCheck> {
  const check = await runCheck(services, name);
  services.deploymentChecks.record(check);
  return check;
}

async function runCheck(services: GatewayServices, name: string): Promise<DeploymentCheck> {
  const deployment = services.router.configuredDeployments().find((candidate) => candidate.name === name);
  if (deployment === undefined) throw new InterlinguaError('not_found', `No configured deployment "${name}".`);
  const cancellation = new Cancellation();
  const timer = setTimeout(() => cancellation.abort(), checkTimeoutMs).unref();
  const checkedAt = Date.now();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    await services.engine.sendTo(deployment, checkRequest(deployment.model), cancellation);
    return { deployment: name, ok: true, status: 200, latencyMs: elapsed(), checkedAt };
  } catch (caught) {
    const error = cancellation.aborted ? new InterlinguaError('upstream_timeout', `No answer within ${checkTimeoutMs / 1000} s.`) : toInterlinguaError(caught);
    return { deployment: name, ok: false, status: error.upstream?.status ?? error.status, errorCode: error.code, message: error.message, latencyMs: elapsed(), checkedAt };
  } finally {
    clearTimeout(timer);
  }
}
