/**
 * Some models take no `stopSequences` on Converse: "This model doesn't support the stopSequences
 * field. Remove stopSequences and try again." (`openai.gpt-oss-20b-1:0`:
 * https://github.com/crewAIInc/crewAI/issues/3317; `openai.gpt-oss-120b-1:0`:
 * https://github.com/langchain4j/langchain4j/issues/3650; `openai.gpt-oss-safeguard-120b`:
 * https://github.com/crewAIInc/crewAI/issues/4046; Qwen3 235B:
 * https://github.com/langgenius/dify-official-plugins/issues/1767). An AWS maintainer sums it up
 * (https://github.com/langchain-ai/langchain-aws/issues/664): "For DeepSeek, R1 supports stop
 * sequences, but V3.1 does not." A model id that names no vendor (an application inference
 * profile) is sent as asked.
 */
import { bedrockModelName } from '../../wire/bedrock-model-id.js';

export function refusesStopSequences(model: string): boolean {
  const name = bedrockModelName(model);
  if (name === undefined) return false;
  if (name.vendor === 'openai') return name.model.startsWith('gpt-oss');
  if (name.vendor === 'qwen') return true;
  return name.vendor === 'deepseek' && name.model.startsWith('v3');
}
