import type { Warning } from '../../interlingua/warning.js';
import { addWarningOnce, sameTypeAndFeature } from '../../core/warning-once.js';

/** Adds a warning unless one with the same type and feature is already there: one per feature per request. */
export function addWarning(warnings: Warning[], warning: Warning): void {
  addWarningOnce(warnings, warning, sameTypeAndFeature);
}
