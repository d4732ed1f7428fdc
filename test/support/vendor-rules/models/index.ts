import type { VendorRule } from '../rule.js';

/**
 * Rules that hold for some models of a vendor only (parameters a model refuses, its output limit,
 * whether it reasons), keyed by judge name. They run after the judge's own rules.
 */
export const modelRules: Record<string, readonly VendorRule[]> = {};
