/** A configuration the gateway refuses to start with; the message names the key and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
