import { isAbsolute, resolve } from 'node:path';
import type { ProviderAuth } from '../providers/presets.js';
import { ConfigError } from './config-error.js';
import type { VertexSettings } from './resolved-config.js';
import type { ProviderDialectName } from './schema.js';

/** The cloud keys of one provider's raw configuration. */
export interface RawCloudKeys {
  baseUrl?: string;
  apiKey?: string;
  apiVersion?: string;
  auth?: { type: 'entra' };
  projectId?: string;
  location?: string;
  credentialsFile?: string;
}

/** What the cloud keys resolve to; each field only for the dialects it belongs to. */
export interface CloudSettings {
  /** Replaces the dialect's default base URL when the platform derives it (Vertex's location). */
  defaultBaseUrl?: string;
  auth?: ProviderAuth;
  apiVersion?: string;
  vertex?: VertexSettings;
}

const isAzure = (dialect: ProviderDialectName): boolean => dialect === 'azure-openai' || dialect === 'azure-openai-responses';
const isVertex = (dialect: ProviderDialectName): boolean => dialect === 'vertex' || dialect === 'vertex-anthropic';

/**
 * Azure OpenAI and Vertex AI settings, checked against the dialect so that a key given to the
 * wrong kind of provider is an error rather than ignored.
 */
export function cloudSettings(raw: RawCloudKeys, dialect: ProviderDialectName, where: string, baseDirectory: string): CloudSettings {
  const misplaced = (key: string, owners: string) => new ConfigError(`${where}.${key}: applies to ${owners} providers only, not ${dialect}`);
  if (!isAzure(dialect)) {
    if (raw.apiVersion !== undefined) throw misplaced('apiVersion', 'azure-openai and azure-openai-responses');
    if (raw.auth !== undefined) throw misplaced('auth', 'azure-openai and azure-openai-responses');
  }
  if (!isVertex(dialect)) {
    for (const key of ['projectId', 'location', 'credentialsFile'] as const) if (raw[key] !== undefined) throw misplaced(key, 'vertex and vertex-anthropic');
  }
  if (isAzure(dialect)) return azureSettings(raw, dialect, where);
  if (isVertex(dialect)) return vertexSettings(raw, dialect, where, baseDirectory);
  return {};
}

function azureSettings(raw: RawCloudKeys, dialect: ProviderDialectName, where: string): CloudSettings {
  if (raw.baseUrl === undefined) throw new ConfigError(`${where}.baseUrl: a ${dialect} provider needs its resource's endpoint, https://RESOURCE.openai.azure.com`);
  const entra = raw.auth?.type === 'entra';
  if (entra && raw.apiKey !== undefined && raw.apiKey !== '') throw new ConfigError(`${where}: give either apiKey or auth: { type: entra }, not both`);
  if (!entra && (raw.apiKey === undefined || raw.apiKey === '')) {
    throw new ConfigError(`${where}.apiKey: a ${dialect} provider needs an API key (sent as api-key), or auth: { type: entra } for Microsoft Entra ID`);
  }
  if (dialect === 'azure-openai-responses' && raw.apiVersion !== undefined && raw.apiVersion.slice(0, 10) < firstResponsesApiVersion) {
    throw new ConfigError(
      `${where}.apiVersion: Azure serves the Responses API from api-version ${firstResponsesApiVersion}-preview on, not ${raw.apiVersion}; give a later one, or none for the v1 API at {baseUrl}/openai/v1/responses`,
    );
  }
  return { ...(entra ? { auth: 'entra' as const } : {}), ...(raw.apiVersion !== undefined ? { apiVersion: raw.apiVersion } : {}) };
}

/**
 * The first dated api-version with the Responses API: an earlier one is refused on every request,
 * 400 "Azure OpenAI Responses API is enabled only for api-version 2025-03-01-preview and later"
 * (github.com/Aider-AI/aider/issues/4029; "400 API version not supported" for 2024-12-01-preview,
 * github.com/openclaw/openclaw/issues/82025), so such a provider is a configuration error rather than
 * a deployment that always fails.
 */
const firstResponsesApiVersion = '2025-03-01';

/**
 * Vertex's regional host is `{location}-aiplatform.googleapis.com`; the `global` location has
 * none and is served by `aiplatform.googleapis.com` (@anthropic-ai/vertex-sdk client.js:
 * `case 'global': baseURL = 'https://aiplatform.googleapis.com/v1'`; recorded:
 * test/fixtures/recorded/vertex/MANIFEST entry pa-gemini3-global-labels, "POST
 * https://aiplatform.googleapis.com/v1beta1/projects/…/locations/global/…").
 */
export function vertexHost(location: string): string {
  return location === 'global' ? 'https://aiplatform.googleapis.com' : `https://${location}-aiplatform.googleapis.com`;
}

function vertexSettings(raw: RawCloudKeys, dialect: ProviderDialectName, where: string, baseDirectory: string): CloudSettings {
  if (raw.projectId === undefined) throw new ConfigError(`${where}.projectId: a ${dialect} provider needs its Google Cloud project id`);
  if (raw.location === undefined) throw new ConfigError(`${where}.location: a ${dialect} provider needs its location (us-central1, us-east5, global)`);
  if (raw.apiKey !== undefined) throw new ConfigError(`${where}.apiKey: a ${dialect} provider authenticates with Google credentials (credentialsFile, or Application Default Credentials), not a key`);
  if (raw.baseUrl !== undefined && new URL(raw.baseUrl).pathname.replace(/\/+$/, '') !== '') {
    throw new ConfigError(`${where}.baseUrl: give only the scheme and host (${vertexHost(raw.location)}); the gateway adds the /v1beta1/projects/… or /v1/projects/… path`);
  }
  const vertex: VertexSettings = { projectId: raw.projectId, location: raw.location };
  if (raw.credentialsFile !== undefined) vertex.credentialsFile = isAbsolute(raw.credentialsFile) ? raw.credentialsFile : resolve(baseDirectory, raw.credentialsFile);
  return { defaultBaseUrl: vertexHost(raw.location), vertex };
}
