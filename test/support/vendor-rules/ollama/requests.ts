import { go, type GoType } from './go-json.js';

/**
 * The request structs of https://github.com/ollama/ollama/blob/main/api/types.go (ChatRequest,
 * GenerateRequest, Message, ToolCall, Tool), as far as their JSON types go. `format`, `keep_alive`
 * and `think` decode through their own code and are judged by their own rules.
 */
const toolPropertyFields: Record<string, GoType> = {
  // `Type PropertyType`: "can be either a string or an array of strings"; anything else fails the request with the
  // error of decoding it as []string (api/types.go, PropertyType.UnmarshalJSON).
  type: { kind: 'string-or-strings', name: '[]string' },
  description: go.string,
  required: { kind: 'slice', name: '[]string', of: go.string },
  enum: { kind: 'slice', name: '[]interface {}', of: go.any },
};
const toolProperty: GoType = { kind: 'struct', name: 'api.ToolProperty', fields: toolPropertyFields };
// A property's own `properties` and `anyOf` are ToolProperty again (`Properties *ToolPropertiesMap`,
// `AnyOf []ToolProperty`), so a boolean subschema is refused at any depth; `items` is `any`.
toolPropertyFields['properties'] = { kind: 'map', name: 'api.ToolPropertiesMap', of: toolProperty };
toolPropertyFields['anyOf'] = { kind: 'slice', name: '[]api.ToolProperty', of: toolProperty };

const tool: GoType = {
  kind: 'struct',
  name: 'api.Tool',
  fields: {
    type: go.string,
    function: {
      kind: 'struct',
      name: 'api.ToolFunction',
      fields: {
        name: go.string,
        description: go.string,
        parameters: {
          kind: 'struct',
          name: 'api.ToolFunctionParameters',
          fields: {
            type: go.string,
            required: { kind: 'slice', name: '[]string', of: go.string },
            properties: { kind: 'map', name: 'api.ToolPropertiesMap', of: toolProperty },
          },
        },
      },
    },
  },
};

const toolCall: GoType = {
  kind: 'struct',
  name: 'api.ToolCall',
  fields: {
    id: go.string,
    function: { kind: 'struct', name: 'api.ToolCallFunction', fields: { index: go.int, name: go.string, arguments: { kind: 'object', name: 'api.ToolCallFunctionArguments' } } },
  },
};

const images: GoType = { kind: 'slice', name: '[]api.ImageData', of: { kind: 'bytes', name: 'api.ImageData' } };

const message: GoType = {
  kind: 'struct',
  name: 'api.Message',
  fields: {
    role: go.string,
    content: go.string,
    thinking: go.string,
    images,
    tool_calls: { kind: 'slice', name: '[]api.ToolCall', of: toolCall },
    tool_name: go.string,
    tool_call_id: go.string,
  },
};

const shared: Record<string, GoType> = {
  model: go.string,
  stream: go.bool,
  options: go.options,
  truncate: go.bool,
  shift: go.bool,
  logprobs: go.bool,
  top_logprobs: go.int,
};

export const chatRequest: GoType = {
  kind: 'struct',
  name: 'api.ChatRequest',
  fields: { ...shared, messages: { kind: 'slice', name: '[]api.Message', of: message }, tools: { kind: 'slice', name: 'api.Tools', of: tool } },
};

export const generateRequest: GoType = {
  kind: 'struct',
  name: 'api.GenerateRequest',
  fields: { ...shared, prompt: go.string, suffix: go.string, system: go.string, template: go.string, raw: go.bool, context: { kind: 'slice', name: '[]int', of: go.int }, images },
};

/**
 * `options` keys and their Go types (the Options and Runner structs); FromMap refuses a value of
 * another type and ignores unknown keys ("invalid option provided" is only logged).
 */
export const optionTypes: Record<string, 'integer' | 'float32' | 'boolean' | 'array of strings'> = {
  num_keep: 'integer', seed: 'integer', num_predict: 'integer', top_k: 'integer', repeat_last_n: 'integer',
  num_ctx: 'integer', num_batch: 'integer', num_gpu: 'integer', main_gpu: 'integer', num_thread: 'integer', draft_num_predict: 'integer',
  top_p: 'float32', min_p: 'float32', typical_p: 'float32', temperature: 'float32', repeat_penalty: 'float32', presence_penalty: 'float32', frequency_penalty: 'float32',
  use_mmap: 'boolean',
  stop: 'array of strings',
};
