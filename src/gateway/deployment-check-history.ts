import type { DeploymentCheck } from './deployment-check.js';

/**
 * The last checks an operator ran on each deployment, newest first, so the deployments view
 * still shows them after a reload. Kept in this replica's memory, `perDeployment` each: a check
 * is a moment's answer, not a record worth a database table.
 */
export class DeploymentCheckHistory {
  private readonly checks = new Map<string, DeploymentCheck[]>();

  constructor(readonly perDeployment = 5) {}

  record(check: DeploymentCheck): void {
    const kept = [check, ...(this.checks.get(check.deployment) ?? [])].slice(0, this.perDeployment);
    this.checks.set(check.deployment, kept);
  }

  of(deployment: string): DeploymentCheck[] {
    return [...(this.checks.get(deployment) ?? [])];
  }
}
