import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { withSchemaAsInstruction } from '../../core/json-instruction.js';

/**
 * The request with its JSON Schema asked for in the system prompt (core/json-instruction.ts), and
 * a warning, for a cloud that refuses Claude's `output_config.format` for `modelId` although
 * Anthropic's own API takes it (bedrock-structured-output.ts, vertex-structured-output.ts).
 */
export function withSchemaInPromptOn(request: ChatRequest, modelId: string, platform: string, warnings: Warning[]): ChatRequest {
  const fitted = withSchemaAsInstruction(request);
  if (fitted === request) return request;
  warnings.push({
    type: 'compatibility',
    feature: 'response_format.json_schema',
    message: `${modelId} takes no output_config.format on ${platform}; the system prompt asks for JSON that matches the schema instead.`,
  });
  return fitted;
}
