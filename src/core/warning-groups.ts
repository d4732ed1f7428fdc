import type { Warning } from '../interlingua/warning.js';

/**
 * One line of a warnings report: warnings that say the same thing (type, feature and message)
 * become one entry. `count` says how often it happened when more than once; `tools` names the
 * tools it happened in, each once, in the order they came.
 */
export interface WarningGroup {
  type: Warning['type'];
  feature: string;
  message: string;
  count?: number;
  tools?: string[];
}

/**
 * Groups warnings for reporting, first occurrence first. A request with 48 tools whose schemas
 * all carry a keyword the target lacks gives one entry, not 48: the header stays small and the
 * log readable. Every dialect's warnings go through here, so no emitter has to dedupe its own.
 */
export function groupWarnings(warnings: readonly Warning[]): WarningGroup[] {
  const groups = new Map<string, { group: WarningGroup; occurrences: number; tools: Set<string> }>();
  for (const warning of warnings) {
    const key = `${warning.type}\u0000${warning.feature}\u0000${warning.message}`;
    let entry = groups.get(key);
    if (entry === undefined) {
      entry = { group: { type: warning.type, feature: warning.feature, message: warning.message }, occurrences: 0, tools: new Set() };
      groups.set(key, entry);
    }
    entry.occurrences += 1;
    if (warning.tool !== undefined) entry.tools.add(warning.tool);
  }
  return [...groups.values()].map(({ group, occurrences, tools }) => ({
    ...group,
    ...(occurrences > 1 ? { count: occurrences } : {}),
    ...(tools.size > 0 ? { tools: [...tools] } : {}),
  }));
}

/** A group as one line of text, names included (for places with only a message field, such as gRPC). */
export function describeWarningGroup(group: WarningGroup): string {
  const times = group.count !== undefined ? ` (${group.count} times)` : '';
  const tools = group.tools !== undefined ? ` Tools: ${group.tools.join(', ')}.` : '';
  return `${group.message}${times}${tools}`;
}
