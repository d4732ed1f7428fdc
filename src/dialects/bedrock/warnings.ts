import type { Warning } from '../../interlingua/warning.js';

/** Adds a warning unless one with the same type and feature is already there: one per feature per request. */
export function addWarning(warnings: Warning[], warning: Warning): void {
  if (warnings.some((existing) => existing.type === warning.type && existing.feature === warning.feature)) return;
  warnings.push(warning);
}
