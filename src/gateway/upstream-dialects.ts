import type { Dialect } from '../interlingua/dialect.js';
import type { ProviderConfig } from '../config/resolved-config.js';
import { upstreamDialect } from '../dialects/registry.js';

/** One dialect instance per provider, built once: presets differ only in their quirks. */
export class UpstreamDialects {
  private readonly byProvider = new Map<string, Dialect>();

  for(provider: ProviderConfig): Dialect {
    let dialect = this.byProvider.get(provider.name);
    if (dialect === undefined) {
      dialect = upstreamDialect(provider);
      this.byProvider.set(provider.name, dialect);
    }
    return dialect;
  }
}
