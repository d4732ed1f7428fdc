import type { VendorData } from '../interlingua/vendor.js';

/**
 * `over` laid on `base`, key by key within each dialect's slice. For a stream transform that sends
 * the text of several upstream deltas on one event, which holds one value per key: the later
 * delta's stands, as it was said of the text nearer to where the event goes out.
 */
export function vendorOver(base: VendorData | undefined, over: VendorData | undefined): VendorData | undefined {
  if (base === undefined) return over;
  if (over === undefined) return base;
  const merged: VendorData = { ...base };
  for (const [dialect, slice] of Object.entries(over)) merged[dialect] = { ...base[dialect], ...slice };
  return merged;
}
