/** Where and how to send one upstream request: the full URL and the headers that authenticate it. */
export interface UpstreamEndpoint {
  url: string;
  headers: Record<string, string>;
}

/** What a transport needs to know about the provider it addresses. */
export interface EndpointTarget {
  baseUrl: string;
  apiKey?: string;
  headers: Record<string, string>;
  /** The AWS region a Bedrock request is signed for. */
  region?: string;
  /** How the key is presented; `bearer` unless a preset says otherwise; `entra` takes tokens instead of a key. */
  auth?: 'bearer' | 'zhipu' | 'entra';
  /** Azure: the dated API version; absent, the v1 API. */
  apiVersion?: string;
  /** Vertex: the project and location named in the path, and the service-account file whose tokens authenticate. */
  vertex?: { projectId: string; location: string; credentialsFile?: string };
}
