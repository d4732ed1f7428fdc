import { isRecord, type VendorRule } from '../rule.js';

/**
 * An OpenAI-compatible service's refusal of a message whose role it does not take (most often
 * OpenAI's `developer`), in the service's own words: `refusal` gets the role and the message's index.
 */
export function rolesRule(rule: { id: string; source: string; roles: readonly string[]; refusal: (role: string, index: number) => string }): VendorRule {
  return {
    id: rule.id,
    source: rule.source,
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex((message) => isRecord(message) && typeof message.role === 'string' && !rule.roles.includes(message.role));
      if (index === -1) return undefined;
      return rule.refusal((body.messages[index] as { role: string }).role, index);
    },
  };
}
