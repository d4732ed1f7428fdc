/**
 * The Ollama version the gateway reports at `GET /api/version` (`{"version": …}`, docs/api.md
 * "Version"). Clients gate features on it (GitHub Copilot's Ollama models ask for 0.6.4 or later),
 * so it names the Ollama release whose API these dialects follow: 0.32.15, the last stable release
 * before the docs/api.md, api/types.go and server/routes.go they were written from
 * (ollama/ollama@fb3076099687, unchanged since v0.32.15), not a version of the gateway.
 */
export const ollamaApiVersion = '0.32.15';
