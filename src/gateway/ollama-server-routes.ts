/**
 * What an Ollama server answers about itself, beside its chat, generate and embeddings APIs
 * (server/routes.go `GenerateRoutes`, https://github.com/ollama/ollama/blob/main/server/routes.go):
 * `GET`/`HEAD /` ("Ollama is running", which clients probe before anything else), `GET`/`HEAD
 * /api/version`, `GET /api/ps` and `POST /api/show`. The first three say nothing of the models a key
 * may use and need no key, as `/health`; showing a model is a caller's request, under its key.
 */
export type OllamaServerRoute = { kind: 'ollama-server'; endpoint: 'root' | 'version' | 'running' };
export type OllamaModelsRoute = { kind: 'ollama-show' };

type Refused = { kind: 'method-not-allowed'; allow: string };

const getPaths = { '/': 'root', '/api/version': 'version' } as const;

/** The route for an Ollama server path, a refusal of the wrong method on one, or undefined for any other path. */
export function ollamaServerRoute(method: string, pathname: string): OllamaServerRoute | OllamaModelsRoute | Refused | undefined {
  switch (pathname) {
    case '/':
    case '/api/version':
      return method === 'GET' || method === 'HEAD' ? { kind: 'ollama-server', endpoint: getPaths[pathname] } : { kind: 'method-not-allowed', allow: 'GET, HEAD' };
    case '/api/ps':
      return method === 'GET' ? { kind: 'ollama-server', endpoint: 'running' } : { kind: 'method-not-allowed', allow: 'GET' };
    case '/api/show':
      return method === 'POST' ? { kind: 'ollama-show' } : { kind: 'method-not-allowed', allow: 'POST' };
    default:
      return undefined;
  }
}
