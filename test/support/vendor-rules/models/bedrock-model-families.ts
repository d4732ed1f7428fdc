import { isRecord, type JudgedRequest, type VendorRule } from '../rule.js';
import { blocksOf, converseMessages, isConverse, modelOf, operation } from '../bedrock.js';

/**
 * What Bedrock Converse refuses some model families, by the vendor and model a model id names
 * (`us.meta.llama4-…`: meta, llama4-…, as `docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html`
 * writes them). A model id naming no vendor (an application inference profile) is judged by none of these.
 */

/** The vendor and model a model id names (`us.meta.llama4-…`: meta, llama4-…); none for an application inference profile. */
function namedModel(request: JudgedRequest): { vendor: string; model: string } | undefined {
  const named = /(?:^|[./])(ai21|amazon|anthropic|cohere|deepseek|meta|mistral|openai|qwen|writer)\.([a-z0-9-]+)/.exec(modelOf(request));
  return named === null ? undefined : { vendor: named[1]!, model: named[2]! };
}

export const bedrockFamilyRules: VendorRule[] = [
  {
    id: 'bedrock.converse.templated-model.tool-blocks-alone',
    // "With Mistral AI and Meta models, the Converse API embeds your input in a model-specific prompt template"
    // (docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference.html), and their turns of tool results or
    // tool calls hold nothing else: "messages.4.content: Conversation blocks and tool result blocks cannot be provided
    // in the same turn." (us.meta.llama4-maverick-17b-instruct-v1:0, github.com/strands-agents/harness-sdk/issues/1223;
    // Mistral Large, github.com/langchain-ai/langchain-aws/issues/141) and "messages.7.content: Conversation blocks
    // and tool use blocks cannot be provided in the same turn." (github.com/quarkiverse/quarkus-langchain4j/issues/1983).
    // A cache point is not a conversation block.
    source: 'docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference.html; github.com/strands-agents/harness-sdk/issues/1223; github.com/quarkiverse/quarkus-langchain4j/issues/1983',
    check: (request) => {
      const vendor = namedModel(request)?.vendor;
      if (!isConverse(request) || (vendor !== 'meta' && vendor !== 'mistral')) return undefined;
      for (const [index, message] of converseMessages(request).entries()) {
        const kinds = new Set(blocksOf(message).flatMap((block) => Object.keys(block)).filter((kind) => kind !== 'cachePoint'));
        const toolKind = kinds.has('toolResult') ? 'toolResult' : kinds.has('toolUse') ? 'toolUse' : undefined;
        if (toolKind === undefined || kinds.size === 1) continue;
        return `messages.${index}.content: Conversation blocks and tool ${toolKind === 'toolResult' ? 'result' : 'use'} blocks cannot be provided in the same turn.`;
      }
      return undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-choice.by-model',
    // "ToolChoice is only supported by Anthropic Claude 3 models and by Mistral AI Mistral Large", and `tool` "Only
    // supported by Anthropic Claude 3 and Amazon Nova models" (docs.aws.amazon.com/bedrock/latest/APIReference/
    // API_runtime_ToolChoice.html, both wordings). Refused in these words for Nova and Llama 4
    // (aws-samples/bedrock-access-gateway#92, pydantic/pydantic-ai#2091, strands-agents/harness-sdk#1241); the `tool`
    // refusal is written the same way. A model id naming no vendor (an application inference profile) is not judged.
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html; github.com/aws-samples/bedrock-access-gateway/issues/92: "This model doesn\'t support the toolConfig.toolChoice.any field."',
    check: (request) => {
      if (!isConverse(request) || !isRecord(request.body) || !isRecord(request.body['toolConfig'])) return undefined;
      const choice = request.body['toolConfig']['toolChoice'];
      const member = isRecord(choice) ? Object.keys(choice)[0] : undefined;
      if (member !== 'any' && member !== 'tool') return undefined;
      const named = namedModel(request);
      if (named === undefined) return undefined;
      const { vendor, model } = named;
      const takes = vendor === 'anthropic' || (member === 'any' ? vendor === 'mistral' && model.startsWith('mistral-large') : vendor === 'amazon' && model.startsWith('nova'));
      return takes ? undefined : `This model doesn't support the toolConfig.toolChoice.${member} field. Remove toolConfig.toolChoice.${member} and try again.`;
    },
  },
  {
    id: 'bedrock.converse-stream.meta-tool-use',
    // Meta's models on Bedrock call tools on Converse but not on ConverseStream: the feature table's "Streaming tool use"
    // column is "No" for Meta Llama 3.1 (docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-
    // models-features.html, as linked in run-llama/llama_index#19655), and "ValidationException: This model doesn't
    // support tool use in streaming mode." is recorded for Llama 3.3 70B (n8n-io/n8n#14206), Llama 4 Maverick and Scout
    // (earendil-works/pi#3739, vercel-labs/fx#900).
    source: 'github.com/earendil-works/pi/issues/3739: "ValidationException: This model doesn\'t support tool use in streaming mode."',
    check: (request) => {
      if (operation(request) !== 'converse-stream' || !isRecord(request.body) || request.body['toolConfig'] === undefined) return undefined;
      return namedModel(request)?.vendor === 'meta' ? "This model doesn't support tool use in streaming mode." : undefined;
    },
  },
  {
    id: 'bedrock.converse.system.by-model',
    // "This model doesn't support system messages. Try again without a system message or use a model that supports
    // system messages." (mistral.mistral-7b-instruct-v0:2 and mistral.mixtral-8x7b-instruct-v0:1: 567-labs/instructor#1753;
    // Titan Text Express and Premier: Mintplex-Labs/anything-llm#2486, danny-avila/LibreChat#6456); Bedrock's feature
    // table has "No" under system prompts for the Titan models.
    source: 'github.com/567-labs/instructor/issues/1753; docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html',
    check: (request) => {
      if (!isConverse(request) || !isRecord(request.body) || !Array.isArray(request.body['system']) || request.body['system'].length === 0) return undefined;
      const named = namedModel(request);
      const refuses = (named?.vendor === 'amazon' && named.model.startsWith('titan-t')) || (named?.vendor === 'mistral' && /^(?:mistral-7b|mixtral-8x7b)/.test(named.model));
      return refuses ? "This model doesn't support system messages. Try again without a system message or use a model that supports system messages." : undefined;
    },
  },
  {
    id: 'bedrock.converse.stop-sequences.by-model',
    // "This model doesn't support the stopSequences field. Remove stopSequences and try again." for OpenAI's gpt-oss
    // models (openai.gpt-oss-20b-1:0: github.com/crewAIInc/crewAI/issues/3317; openai.gpt-oss-120b-1:0, even for an
    // empty list: github.com/langchain4j/langchain4j/issues/3650) and Qwen3 (github.com/langgenius/dify-official-plugins/
    // issues/1767); "For DeepSeek, R1 supports stop sequences, but V3.1 does not." (an AWS maintainer,
    // github.com/langchain-ai/langchain-aws/issues/664). A model id naming no vendor is not judged.
    source: 'github.com/crewAIInc/crewAI/issues/3317; github.com/langgenius/dify-official-plugins/issues/1767; github.com/langchain-ai/langchain-aws/issues/664',
    check: (request) => {
      if (!isConverse(request) || !isRecord(request.body) || !isRecord(request.body['inferenceConfig']) || request.body['inferenceConfig']['stopSequences'] === undefined) return undefined;
      const named = namedModel(request);
      const refuses = (named?.vendor === 'openai' && named.model.startsWith('gpt-oss')) || named?.vendor === 'qwen' || (named?.vendor === 'deepseek' && named.model.startsWith('v3'));
      return refuses ? "This model doesn't support the stopSequences field. Remove stopSequences and try again." : undefined;
    },
  },
  {
    id: 'bedrock.converse.tool-result.image-by-model',
    // ToolResultContentBlock's image "is only supported by Amazon Nova and Anthropic Claude 3 and 4 models"
    // (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolResultContentBlock.html); measured in
    // anomalyco/opencode#49443: Claude, Nova and Llama 4 Maverick take it, OpenAI's models and Pixtral Large answer
    // "This model doesn't support the image field for user messages. Remove image and try again.", and take the same
    // image as a block of the user turn. A model id naming no vendor is not judged.
    source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolResultContentBlock.html; github.com/anomalyco/opencode/issues/49443',
    check: (request) => {
      if (!isConverse(request)) return undefined;
      const named = namedModel(request);
      if (named === undefined) return undefined;
      const { vendor, model } = named;
      if (vendor === 'anthropic' || (vendor === 'amazon' && model.startsWith('nova')) || (vendor === 'meta' && model.startsWith('llama4'))) return undefined;
      const nested = converseMessages(request).some((message) =>
        blocksOf(message).some((block) => isRecord(block['toolResult']) && Array.isArray(block['toolResult']['content']) && block['toolResult']['content'].some((item) => isRecord(item) && item['image'] !== undefined)),
      );
      return nested ? "This model doesn't support the image field for user messages. Remove image and try again." : undefined;
    },
  },
];
