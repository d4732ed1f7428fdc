/**
 * A cost in dollars as `interlingua usage` prints it, by the console's rule (console/src/format.ts,
 * `formatCost`): `$0` for nothing, six places below $0.0001 so a cheap request (a 15-token
 * gpt-4.1-nano call is $0.000003) is not printed as `$0.0000`, four above. Unlike `formatCost`, the
 * CLI keeps four places from a cent up (the console's request table, `formatCostFixed`, does too):
 * its rows are single requests, where $0.0175 and $0.02 differ. A cost above zero never reads as
 * zero: one that rounds to nothing even at six places is `<$0.000001`.
 */
export function dollars(value: number): string {
  if (value === 0) return '$0';
  const text = value.toFixed(Math.abs(value) < 0.0001 ? 6 : 4);
  return Number(text) === 0 ? `<$0.000001` : `$${text}`;
}
