/**
 * Model ids as callers and configurations write them, reduced to the names a catalog keys on.
 * Gemini ids may carry the REST resource prefix (`models/gemini-2.5-pro`); vendors publish dated
 * snapshots (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`) and moving aliases
 * (`claude-3-5-sonnet-latest`) of one model, which share its facts.
 */

/** `models/gemini-2.5-pro` → `gemini-2.5-pro`; case is kept, vendors' ids are lower case. */
export function withoutResourcePrefix(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/** Also Vertex AI's `@` before a Claude snapshot date (`claude-sonnet-4-5@20250929`). */
const snapshotSuffix = /[-@](?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/;

/** The model a snapshot or alias belongs to: `claude-sonnet-4-5-20250929` or `…@20250929` → `claude-sonnet-4-5`; others as they are. */
export function undatedModelId(model: string): string {
  return withoutResourcePrefix(model).replace(snapshotSuffix, '');
}
