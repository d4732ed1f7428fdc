import type { GatewayConfig } from '../config/resolved-config.js';
import { grpcJs, protoLoader } from '../grpc/grpc-packages.js';
import { wsPackage } from '../net/ws-package.js';
import { loadMcpSdk } from '../plugins/mcp-connection.js';
import { loadAwsSigningPackages } from '../providers/aws-signing.js';
import { loadAzureIdentity } from '../providers/azure-tokens.js';
import { loadGoogleAuth } from '../providers/google-tokens.js';

/**
 * Loads, at start, the packages of the features `config` uses that are otherwise loaded at their
 * first use (the cloud SDKs, gRPC for ChatHub upstreams, `ws` for OneBot, the MCP SDK): a
 * configured feature whose package is missing or broken stops the start, as it did when every
 * package was imported up front, rather than failing its first request. The packages of features
 * the configuration does not use stay unloaded (docs/speed-startup.md). Redis, the gRPC server
 * and telemetry load theirs while the gateway is made.
 */
export async function loadConfiguredPackages(config: GatewayConfig): Promise<void> {
  const loads: Array<Promise<unknown>> = [];
  for (const provider of config.providers.values()) {
    switch (provider.dialect) {
      case 'bedrock':
      case 'bedrock-anthropic':
        // The same test as src/providers/index.ts: only a provider without an API key signs.
        if (provider.apiKey === undefined) loads.push(loadAwsSigningPackages());
        break;
      case 'azure-openai':
      case 'azure-openai-responses':
        if (provider.auth === 'entra') loads.push(loadAzureIdentity());
        break;
      case 'vertex':
      case 'vertex-anthropic':
        loads.push(loadGoogleAuth());
        break;
      case 'chathub':
        grpcJs();
        protoLoader();
        break;
      case 'onebot':
        wsPackage();
        break;
      default:
        break;
    }
  }
  if (config.onebot !== undefined) wsPackage();
  if ([...config.plugins.values()].some((plugin) => plugin.type === 'mcp')) loads.push(loadMcpSdk());
  await Promise.all(loads);
}
