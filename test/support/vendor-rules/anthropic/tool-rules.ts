/**
 * Anthropic Messages: tool definitions, the tool choice, and how tool calls and results pair up.
 * Not a rule, on purpose: a request whose history holds `tool_use`/`tool_result` blocks may leave
 * out `tools` since 2025-02-27 ("You may both skip providing `tools` when sending tool results and/or
 * explicitly specify `tool_choice={"type":"none"}`", Anthropic's reply in
 * https://github.com/anthropics/anthropic-sdk-python/issues/849; before then it was refused with
 * "Requests which include `tool_use` or `tool_result` blocks must define tools.").
 */
import { isRecord, type VendorRule } from '../rule.js';
import { blockType, firstOf, listOf, onBody, turnsOf, type Turn } from './body.js';
import { toolsPrefillRefusal } from '../models/anthropic-models.js';

/** Recorded 400 in https://github.com/home-assistant/core/issues/147760: "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'". */
const toolNamePattern = /^[a-zA-Z0-9_-]{1,128}$/;
/** Recorded 400 in https://github.com/screenpipe/screenpipe/pull/3252: "messages.N.content.M.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'". */
const toolUseIdPattern = /^[a-zA-Z0-9_-]+$/;

/** A tool the caller defines (`custom`, or no type), as opposed to a versioned server tool such as `web_search_20250305`. */
function isCustomTool(tool: unknown): tool is Record<string, unknown> {
  return isRecord(tool) && (tool['type'] === undefined || tool['type'] === 'custom');
}

function toolUseIds(turn: Turn | undefined): string[] {
  return (turn?.blocks ?? []).filter((block) => blockType(block) === 'tool_use').map((block) => String(block['id']));
}

/** The pairing of one assistant turn's tool calls with the results in the turn after it, as Anthropic words a break. */
function pairingFault(turn: Turn, next: Turn | undefined): string | undefined {
  const ids = toolUseIds(turn);
  if (ids.length === 0 || next === undefined) return undefined;
  const results = next.role === 'user' ? next.blocks.filter((block) => blockType(block) === 'tool_result') : [];
  const leading = next.role === 'user' ? next.blocks.findIndex((block) => blockType(block) !== 'tool_result') : 0;
  const leadingCount = leading === -1 ? results.length : leading;
  if (results.length > 0 && leadingCount < Math.min(ids.length, results.length)) {
    return `messages.${next.index}: Did not find ${ids.length} \`tool_result\` block(s) at the beginning of this message. Messages following \`tool_use\` blocks must begin with a matching number of \`tool_result\` blocks.`;
  }
  const answered = new Set(results.map((block) => String(block['tool_use_id'])));
  const missing = ids.filter((id) => !answered.has(id));
  if (missing.length === 0) return undefined;
  return `messages.${turn.index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
}

export const toolRules: VendorRule[] = [
  {
    id: 'anthropic.tools.name-pattern',
    source: 'github.com/home-assistant/core/issues/147760 (recorded 400 body)',
    check: onBody((body) =>
      firstOf(listOf(body['tools']), (tool, index) =>
        isCustomTool(tool) && !(typeof tool['name'] === 'string' && toolNamePattern.test(tool['name']))
          ? `tools.${index}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`
          : undefined,
      ),
    ),
  },
  {
    id: 'anthropic.tools.unique-names',
    // Recorded 400 in https://github.com/danny-avila/LibreChat/issues/13162: "tools: Tool names must be unique."
    source: 'github.com/danny-avila/LibreChat/issues/13162 (recorded 400 body)',
    check: onBody((body) => {
      const names = listOf(body['tools']).flatMap((tool) => (isRecord(tool) && typeof tool['name'] === 'string' ? [tool['name']] : []));
      return new Set(names).size < names.length ? 'tools: Tool names must be unique.' : undefined;
    }),
  },
  {
    id: 'anthropic.tools.input-schema-object',
    // https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use: "input_schema: A JSON Schema
    // object defining the expected parameters for the tool"; the API reference types it `type: "object"` (required).
    source: 'docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use (input_schema: an object schema)',
    check: onBody((body) =>
      firstOf(listOf(body['tools']), (tool, index) => {
        if (!isCustomTool(tool)) return undefined;
        const schema = tool['input_schema'];
        if (!isRecord(schema)) return `tools.${index}.custom.input_schema: Field required`;
        return schema['type'] === 'object' ? undefined : `tools.${index}.custom.input_schema.type: Input should be 'object'`;
      }),
    ),
  },
  {
    id: 'anthropic.tools.input-schema-combinators',
    // Recorded 400 in https://github.com/Hmbown/Codewhale/issues/4329:
    // "tools.1.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level".
    source: 'github.com/Hmbown/Codewhale/issues/4329 (recorded 400 body)',
    check: onBody((body) =>
      firstOf(listOf(body['tools']), (tool, index) => {
        const schema = isCustomTool(tool) ? tool['input_schema'] : undefined;
        return isRecord(schema) && ['oneOf', 'allOf', 'anyOf'].some((keyword) => keyword in schema)
          ? `tools.${index}.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level`
          : undefined;
      }),
    ),
  },
  {
    id: 'anthropic.tool_choice.declared-tool',
    // https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use:
    // `{"type": "tool", "name": "get_weather"}` "forces Claude to always use a particular tool" — one of the tools given.
    source: 'docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use',
    check: onBody((body) => {
      const choice = body['tool_choice'];
      if (!isRecord(choice) || choice['type'] !== 'tool') return undefined;
      const names = new Set(listOf(body['tools']).flatMap((tool) => (isRecord(tool) && typeof tool['name'] === 'string' ? [tool['name']] : [])));
      return names.has(String(choice['name'])) ? undefined : `Tool '${String(choice['name'])}' not found in provided tools`;
    }),
  },
  {
    id: 'anthropic.tool_choice.any-needs-tools',
    // Same page: "any tells Claude that it must use one of the provided tools" — with none provided there is nothing to use.
    source: 'docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use ("any": one of the provided tools)',
    check: onBody((body) => {
      const choice = body['tool_choice'];
      return isRecord(choice) && choice['type'] === 'any' && listOf(body['tools']).length === 0
        ? 'tool_choice: `any` requires at least one tool in `tools`'
        : undefined;
    }),
  },
  {
    id: 'anthropic.tool_use.id-pattern',
    // tool_use.id and tool_result.tool_use_id are both checked against the pattern
    // (https://github.com/QwenLM/qwen-code/issues/8160, live-verified against the Messages API).
    source: 'github.com/screenpipe/screenpipe/pull/3252 (recorded 400 body); github.com/QwenLM/qwen-code/issues/8160',
    check: onBody((body) =>
      firstOf(turnsOf(body), (turn) =>
        firstOf(turn.blocks, (block, position) => {
          const path = `messages.${turn.index}.content.${position}`;
          if (blockType(block) === 'tool_use' && !toolUseIdPattern.test(String(block['id']))) return `${path}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`;
          if (blockType(block) === 'tool_result' && !toolUseIdPattern.test(String(block['tool_use_id']))) {
            return `${path}.tool_result.tool_use_id: String should match pattern '^[a-zA-Z0-9_-]+$'`;
          }
          return undefined;
        }),
      ),
    ),
  },
  {
    id: 'anthropic.tool_use.input-dictionary',
    // Recorded 400s (github.com/anthropics/anthropic-sdk-typescript/issues/648, github.com/anthropics/claude-code/issues/6696):
    // "messages.3.content.1.tool_use.input: Input should be a valid dictionary", for a call whose arguments were not an object.
    source: 'github.com/anthropics/anthropic-sdk-typescript/issues/648; github.com/anthropics/claude-code/issues/6696 (recorded 400 bodies)',
    check: onBody((body) =>
      firstOf(turnsOf(body), (turn) =>
        firstOf(turn.blocks, (block, position) =>
          blockType(block) === 'tool_use' && !isRecord(block['input']) ? `messages.${turn.index}.content.${position}.tool_use.input: Input should be a valid dictionary` : undefined,
        ),
      ),
    ),
  },
  {
    id: 'anthropic.tool_use.unique-ids',
    // Recorded 400 in https://github.com/trycua/cua/issues/524: "messages.1.content.1: `tool_use` ids must be unique".
    source: 'github.com/trycua/cua/issues/524 (recorded 400 body)',
    check: onBody((body) => {
      const seen = new Set<string>();
      return firstOf(turnsOf(body), (turn) =>
        firstOf(turn.blocks, (block, position) => {
          if (blockType(block) !== 'tool_use') return undefined;
          const id = String(block['id']);
          if (seen.has(id)) return `messages.${turn.index}.content.${position}: \`tool_use\` ids must be unique`;
          seen.add(id);
          return undefined;
        }),
      );
    }),
  },
  {
    id: 'anthropic.tool_result.single-per-tool_use',
    // Recorded 400 (https://github.com/sipeed/picoclaw/issues/1792; live-verified in https://github.com/QwenLM/qwen-code/issues/8163):
    // "messages.N.content.M: each tool_use must have a single result. Found multiple `tool_result` blocks with id: …".
    source: 'github.com/sipeed/picoclaw/issues/1792; github.com/QwenLM/qwen-code/issues/8163 (recorded 400 bodies)',
    check: onBody((body) =>
      firstOf(turnsOf(body), (turn) => {
        const seen = new Set<string>();
        return firstOf(turn.blocks, (block, position) => {
          if (blockType(block) !== 'tool_result') return undefined;
          const id = String(block['tool_use_id']);
          if (seen.has(id)) return `messages.${turn.index}.content.${position}: each tool_use must have a single result. Found multiple \`tool_result\` blocks with id: ${id}`;
          seen.add(id);
          return undefined;
        });
      }),
    ),
  },
  {
    id: 'anthropic.tools.no-prefill',
    // Tool declarations take no prefill on any Claude model (`toolsPrefillRefusal`, recorded 400 bodies).
    source: 'github.com/vercel/ai/issues/4283; github.com/langchain-ai/langgraph/issues/4940 (recorded 400 bodies)',
    check: onBody((body) => (listOf(body['tools']).length > 0 && turnsOf(body).at(-1)?.role === 'assistant' ? toolsPrefillRefusal : undefined)),
  },
  {
    id: 'anthropic.tool_result.follows-tool_use',
    // Recorded 400s: "messages.6: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_….
    // Each `tool_use` block must have a corresponding `tool_result` block in the next message."
    // (https://github.com/anthropics/claude-code/issues/5060), and "messages.2: Did not find 1 `tool_result` block(s)
    // at the beginning of this message. Messages following `tool_use` blocks must begin with a matching number of
    // `tool_result` blocks." (https://github.com/langchain-ai/langchain-aws/pull/389, a text block before the result).
    source: 'github.com/anthropics/claude-code/issues/5060; github.com/langchain-ai/langchain-aws/pull/389 (recorded 400 bodies)',
    check: onBody((body) => {
      const turns = turnsOf(body);
      return firstOf(turns, (turn, position) => (turn.role === 'assistant' ? pairingFault(turn, turns[position + 1]) : undefined));
    }),
  },
  {
    id: 'anthropic.tool_result.known-id',
    // Recorded 400 in https://github.com/anthropics/claude-code/issues/13460: "messages.48.content.1: unexpected
    // `tool_use_id` found in `tool_result` blocks: toolu_…. Each `tool_result` block must have a corresponding
    // `tool_use` block in the previous message."
    source: 'github.com/anthropics/claude-code/issues/13460 (recorded 400 body)',
    check: onBody((body) => {
      const turns = turnsOf(body);
      return firstOf(turns, (turn, position) => {
        const previous = turns[position - 1];
        const asked = new Set(previous?.role === 'assistant' ? toolUseIds(previous) : []);
        return firstOf(turn.blocks, (block, blockPosition) => {
          const id = String(block['tool_use_id']);
          return blockType(block) === 'tool_result' && !asked.has(id)
            ? `messages.${turn.index}.content.${blockPosition}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`
            : undefined;
        });
      });
    }),
  },
];
