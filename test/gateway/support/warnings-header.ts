/** The gateway's warnings as a caller reads them: the `x-interlingua-warnings` header's JSON list. */
export interface WarningEntry {
  type: string;
  feature: string;
  message: string;
}

export function warningsOf(headers: Headers): WarningEntry[] {
  return JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as WarningEntry[];
}
