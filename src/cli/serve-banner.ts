import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from '../config/resolved-config.js';

export interface BannerFacts {
  version: string;
  /** The configuration file, or undefined when the environment was read. */
  file?: string;
  config: GatewayConfig;
  address: AddressInfo;
  /** From the start of the process, loading included: what an operator waits for. */
  readyMs: number;
}

/**
 * What `serve` says when it is ready: where it listens, which file it read, where the console is
 * (or how to turn it on), which models reach which deployments, and how long start-up took.
 * The `listening on URL` line is the one scripts wait for.
 */
export function serveBanner(facts: BannerFacts): string {
  const { config, address } = facts;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const lines = [
    `interlingua ${facts.version} listening on ${url}`,
    `  config    ${facts.file ?? 'none: providers from OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY'}`,
    `  console   ${config.adminKey === undefined ? 'off (set adminKey in the configuration to turn it on)' : `${url}/console`}`,
    ...modelLines(config),
    `  ready in ${Math.round(facts.readyMs)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

function modelLines(config: GatewayConfig): string[] {
  const lines: string[] = [];
  for (const [model, deployments] of config.models) {
    lines.push(`  model     ${model} → ${deployments.map((deployment) => `${deployment.provider}/${deployment.model}`).join(', ')}`);
  }
  for (const provider of config.providers.values()) {
    if (provider.modelPatterns.length === 0) continue;
    lines.push(`  provider  ${provider.name} (${provider.dialect}) serves ${provider.modelPatterns.map(patternText).join(', ')}`);
  }
  if (lines.length === 0) lines.push(`  models    none: configure providers and models (see the README)`);
  return lines;
}

/** A provider's model glob as it was written (`gpt-*`), from the expression it was compiled to. */
function patternText(pattern: RegExp): string {
  return pattern.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\.\*/g, '*')
    .replace(/(?<!\\)\./g, '?')
    .replace(/\\(.)/g, '$1');
}
