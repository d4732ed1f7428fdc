/**
 * The fields of each Anthropic content block that the interlingua models; the rest of a block is
 * kept in its part's `vendor.anthropic` (extraFields), for an Anthropic upstream to get back.
 */
export const textBlockFields: ReadonlySet<string> = new Set(['type', 'text']);
export const imageBlockFields: ReadonlySet<string> = new Set(['type', 'source']);
export const documentBlockFields: ReadonlySet<string> = new Set(['type', 'source', 'title']);
export const toolUseBlockFields: ReadonlySet<string> = new Set(['type', 'id', 'name', 'input']);
export const toolResultBlockFields: ReadonlySet<string> = new Set(['type', 'tool_use_id', 'content', 'is_error']);
