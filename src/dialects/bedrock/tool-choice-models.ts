/**
 * Which of Converse's forcing tool choices a model takes. AWS documents `toolChoice` as "only
 * supported by Anthropic Claude 3 models and by Mistral AI Mistral Large", and its `tool` member as
 * "Only supported by Anthropic Claude 3 and Amazon Nova models"
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html, both
 * wordings); `auto` is the default every tool-using model takes. Others refuse the rest: "This
 * model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and
 * try again." (Amazon Nova: https://github.com/aws-samples/bedrock-access-gateway/issues/92; Llama 4
 * Scout and Nova: https://github.com/pydantic/pydantic-ai/issues/2091; strands-agents/harness-sdk#1241).
 * A refused choice becomes the one the model takes that means the same when there is one (with a
 * single tool, "call a tool" and "call this tool" are one request), else `auto`, with a warning: the
 * model may then answer without the call. A model id that names no vendor (an application inference
 * profile) is sent as asked.
 */
import type { ToolChoice } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { bedrockModelName } from '../../wire/bedrock-model-id.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

interface ForcingChoices {
  /** `any`: some tool must be called. */
  any: boolean;
  /** `tool`: this tool must be called. */
  tool: boolean;
}

export function forcingChoicesOf(model: string): ForcingChoices | undefined {
  const name = bedrockModelName(model);
  if (name === undefined) return undefined;
  if (name.vendor === 'anthropic') return { any: true, tool: true };
  if (name.vendor === 'amazon' && name.model.startsWith('nova')) return { any: false, tool: true };
  if (name.vendor === 'mistral' && name.model.startsWith('mistral-large')) return { any: true, tool: false };
  return { any: false, tool: false };
}

/** The choice to send `model`, given the names of the tools it gets. */
export function fitToolChoiceToModel(choice: ToolChoice | undefined, toolNames: readonly string[], model: string, warnings: Warning[]): ToolChoice | undefined {
  if (choice?.type !== 'required' && choice?.type !== 'tool') return choice;
  const takes = forcingChoicesOf(model);
  if (takes === undefined) return choice;
  if (choice.type === 'required' && takes.any) return choice;
  if (choice.type === 'tool' && takes.tool) return choice;
  const only = toolNames.length === 1 ? toolNames[0] : undefined;
  if (choice.type === 'required' && takes.tool && only !== undefined) return { type: 'tool', name: only };
  if (choice.type === 'tool' && takes.any && only === choice.name) return { type: 'required' };
  const asked = choice.type === 'tool' ? `a call of "${choice.name}"` : 'a tool call';
  addWarningPerFeature(warnings, {
    type: 'unsupported',
    feature: `tool_choice.${choice.type}`,
    message: `${model} cannot be made to answer with ${asked} on Bedrock Converse; the tool choice was sent as auto, so the model may answer without it.`,
  });
  return { type: 'auto' };
}
