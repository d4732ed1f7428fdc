import type { UpstreamDialectName } from './schema.js';

/** Configuration after defaults and environment variables are applied: what the gateway runs on. */
export interface GatewayConfig {
  server: { host: string; port: number; maxBodyBytes: number };
  providers: Map<string, ProviderConfig>;
  models: Map<string, DeploymentConfig[]>;
  retry: { attempts: number; initialDelayMs: number; maxDelayMs: number };
  images: { maxBytes: number; timeoutMs: number; allowPrivateNetworks: boolean };
}

export interface ProviderConfig {
  name: string;
  dialect: UpstreamDialectName;
  baseUrl: string;
  apiKey?: string;
  headers: Record<string, string>;
  modelPatterns: RegExp[];
  defaultMaxTokens: number;
  timeoutMs: number;
}

export interface DeploymentConfig {
  provider: string;
  model: string;
}
