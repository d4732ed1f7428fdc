import { isRecord, type VendorRule } from '../rule.js';
import { partDataFields } from './request-fields.js';
import { contentsOf, field, functionCallsOf, functionResponsesOf, generateRequestOf, listOf, recordsOf, type ContentAt } from './wire.js';

/**
 * The conversation: `contents`, its roles and parts, and the order of function calls and their
 * responses. Each message is the one Google answers with, as seen in the cited reports.
 */

/** Contents of a request, or none when the body is not a GenerateContentRequest. */
function contentsOfRequest(body: unknown): ContentAt[] {
  const request = isRecord(body) ? body : undefined;
  return request === undefined ? [] : contentsOf(request);
}

/** The data fields a part sets (its `data` oneof). */
function dataFieldsOf(part: Record<string, unknown>): string[] {
  return partDataFields.filter((name) => field(part, name) !== undefined);
}

const base64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export const contentsRules: VendorRule[] = [
  {
    id: 'gemini.contents.required',
    // https://ai.google.dev/api/generate-content#request-body: "contents[] object (Content) Required".
    // Wording: https://github.com/NousResearch/hermes-agent/pull/57942 ("contents is not specified").
    source: 'ai.google.dev/api/generate-content (contents: Required)',
    check: (request) => {
      const body = generateRequestOf(request);
      return body !== undefined && listOf(field(body, 'contents')).length === 0 ? '* GenerateContentRequest.contents: contents is not specified\n' : undefined;
    },
  },
  {
    id: 'gemini.contents.role',
    // https://ai.google.dev/api/caching#Content: "role: Optional. The producer of the content. Must
    // be either 'user' or 'model'." Wording: https://github.com/langgenius/dify-official-plugins/issues/566.
    source: "ai.google.dev/api/caching#Content (role \"Must be either 'user' or 'model'\"); wording from github.com/langgenius/dify-official-plugins/issues/566",
    check: (request) =>
      contentsOfRequest(generateRequestOf(request)).some((content) => content.role !== 'user' && content.role !== 'model') ? 'Please use a valid role: user, model.' : undefined,
  },
  {
    id: 'gemini.contents.parts.required',
    // https://github.com/egoist/chatwise-releases/issues/250: "* GenerateContentRequest.contents[1].parts:
    // contents.parts must not be empty."
    source: 'recorded error in github.com/egoist/chatwise-releases/issues/250 (contents.parts must not be empty)',
    check: (request) => {
      const empty = contentsOfRequest(generateRequestOf(request)).find((content) => content.parts.length === 0);
      return empty === undefined ? undefined : `* GenerateContentRequest.contents[${empty.index}].parts: contents.parts must not be empty.\n`;
    },
  },
  {
    id: 'gemini.part.one-data-field',
    // https://ai.google.dev/api/caching#Part: "data: Union type … data can be only one of the
    // following: text, inlineData, functionCall, …". A part with none: "* GenerateContentRequest.contents[33].parts[0].data:
    // required oneof field 'data' must have one initialized field" (https://github.com/boldsoftware/sketch/issues/68).
    source: 'ai.google.dev/api/caching#Part ("data can be only one of the following"); wording from github.com/boldsoftware/sketch/issues/68',
    check: (request) => {
      for (const content of contentsOfRequest(generateRequestOf(request))) {
        for (const [index, part] of content.parts.entries()) {
          const data = dataFieldsOf(part);
          if (data.length === 0) return `* GenerateContentRequest.contents[${content.index}].parts[${index}].data: required oneof field 'data' must have one initialized field\n`;
          if (data.length > 1) {
            return `Invalid JSON payload received. Invalid value at 'contents[${content.index}].parts[${index}].data' (oneof), oneof field 'data' is already set. Cannot set '${data[1]}'`;
          }
        }
      }
      return undefined;
    },
  },
  {
    id: 'gemini.part.text-not-empty',
    // A part of empty text is refused: "Unable to submit request because it has an empty text parameter. Add a
    // value to the parameter and try again. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/gemini"
    // (400 INVALID_ARGUMENT, recorded from the Gemini API in github.com/glowingjade/obsidian-smart-composer/issues/218
    // and github.com/chatboxai/chatbox/issues/1846; from an empty message, github.com/zuisong/gemini-openai-proxy/issues/83).
    // Parts of Gemini's own making are not judged: a thought, and an empty text carrying a thought signature
    // (thought-signatures.ts), as Gemini answers them.
    source: 'github.com/glowingjade/obsidian-smart-composer/issues/218; github.com/chatboxai/chatbox/issues/1846 (recorded 400 bodies)',
    check: (request) => {
      for (const content of contentsOfRequest(generateRequestOf(request))) {
        if (content.parts.some((part) => part['text'] === '' && part['thoughtSignature'] === undefined && part['thought'] !== true)) {
          return 'Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/gemini';
        }
      }
      return undefined;
    },
  },
  {
    id: 'gemini.function-call.turn-order',
    // https://github.com/google-gemini/gemini-cli/issues/11814: 400 "Please ensure that function call
    // turn comes immediately after a user turn or after a function response turn." — also "when the
    // sent conversation history starts with a function call".
    source: 'recorded error in github.com/google-gemini/gemini-cli/issues/11814',
    check: (request) => {
      const contents = contentsOfRequest(generateRequestOf(request));
      for (const content of contents) {
        if (content.role !== 'model' || functionCallsOf(content).length === 0) continue;
        const previous = contents[content.index - 1];
        if (previous === undefined || previous.role !== 'user') {
          return 'Please ensure that function call turn comes immediately after a user turn or after a function response turn.';
        }
      }
      return undefined;
    },
  },
  {
    id: 'gemini.function-response.turn-order',
    // https://github.com/langchain-ai/langchain/issues/27799: "Please ensure that function response
    // turn comes immediately after a function call turn".
    source: 'recorded error in github.com/langchain-ai/langchain/issues/27799',
    check: (request) => {
      const contents = contentsOfRequest(generateRequestOf(request));
      for (const content of contents) {
        if (functionResponsesOf(content).length === 0) continue;
        const previous = contents[content.index - 1];
        if (previous === undefined || previous.role !== 'model' || functionCallsOf(previous).length === 0) {
          return 'Please ensure that function response turn comes immediately after a function call turn.';
        }
      }
      return undefined;
    },
  },
  {
    id: 'gemini.function-response.count',
    // https://github.com/google-gemini/gemini-cli/issues/4217 and
    // https://github.com/microsoft/vscode/issues/299295 ("Gemini models strictly require a 1:1
    // pairing between function_call and function_response"): 400 "Please ensure that the number of
    // function response parts is equal to the number of function call parts of the function call turn."
    source: 'recorded error in github.com/google-gemini/gemini-cli/issues/4217 and github.com/microsoft/vscode/issues/299295',
    check: (request) => {
      const contents = contentsOfRequest(generateRequestOf(request));
      for (const content of contents) {
        const calls = functionCallsOf(content).length;
        const next = contents[content.index + 1];
        if (content.role !== 'model' || calls === 0 || next === undefined) continue;
        if (functionResponsesOf(next).length !== calls) {
          return 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';
        }
      }
      return undefined;
    },
  },
  {
    id: 'gemini.function-response.name',
    // https://ai.google.dev/api/caching#FunctionResponse: "name: string Required. The name of the
    // function to call." Wording: https://github.com/router-for-me/CLIProxyAPI/issues/2104.
    source: 'ai.google.dev/api/caching#FunctionResponse (name: Required); wording from github.com/router-for-me/CLIProxyAPI/issues/2104',
    check: (request) => {
      for (const content of contentsOfRequest(generateRequestOf(request))) {
        for (const [index, part] of content.parts.entries()) {
          const response = field(part, 'functionResponse');
          if (!isRecord(response)) continue;
          const name = field(response, 'name');
          if (typeof name !== 'string' || name === '') return `* GenerateContentRequest.contents[${content.index}].parts[${index}].function_response.name: Name cannot be empty.\n`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'gemini.inline-data.image-mime-type',
    // "Gemini supports the following image format MIME types: PNG - image/png, JPEG - image/jpeg, WEBP - image/webp,
    // HEIC - image/heic, HEIF - image/heif" (ai.google.dev/gemini-api/docs/image-understanding#supported-formats);
    // another is refused, 400 INVALID_ARGUMENT "Unsupported MIME type: image/jpg" (github.com/ogkalu2/comic-translate/pull/399),
    // "Unsupported MIME type: image/gif" (github.com/Mai-with-u/MaiBot/issues/1435). Inside function responses too.
    source: 'ai.google.dev/gemini-api/docs/image-understanding#supported-formats; github.com/ogkalu2/comic-translate/pull/399',
    check: (request) => {
      const body = generateRequestOf(request);
      if (body === undefined) return undefined;
      const readable = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];
      const parts = contentsOf(body).flatMap((content) => content.parts);
      const responses = parts.flatMap((part) => recordsOf(field(part, 'functionResponse')));
      const blobs = [...parts, ...responses.flatMap((response) => recordsOf(field(response, 'parts')))].flatMap((part) => recordsOf(field(part, 'inlineData')));
      for (const blob of blobs) {
        const mimeType = field(blob, 'mimeType');
        if (typeof mimeType === 'string' && mimeType.startsWith('image/') && !readable.includes(mimeType)) return `Unsupported MIME type: ${mimeType}`;
      }
      return undefined;
    },
  },
  {
    id: 'gemini.inline-data.document-mime-type',
    // Documents Gemini reads: "application/pdf" and "text/plain" for every model in Vertex AI's table
    // (cloud.google.com/vertex-ai/generative-ai/docs/multimodal/document-understanding); the Gemini API reads other text
    // formats "as plain text" (ai.google.dev/gemini-api/docs/document-processing; text/md, text/csv beside them,
    // discuss.ai.google.dev/t/document-types-supported-by-the-files-api/39673). Another type is refused, 400
    // INVALID_ARGUMENT "Unsupported MIME type: application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    // (github.com/googleapis/python-genai/issues/829; github.com/google/generative-ai-go/issues/161). Inside function
    // responses too, as images are. Images, audio and video are judged as media, not here.
    source: 'cloud.google.com/vertex-ai/generative-ai/docs/multimodal/document-understanding; github.com/googleapis/python-genai/issues/829',
    check: (request) => {
      const body = generateRequestOf(request);
      if (body === undefined) return undefined;
      const parts = contentsOf(body).flatMap((content) => content.parts);
      const responses = parts.flatMap((part) => recordsOf(field(part, 'functionResponse')));
      const blobs = [...parts, ...responses.flatMap((response) => recordsOf(field(response, 'parts')))].flatMap((part) => recordsOf(field(part, 'inlineData')));
      for (const blob of blobs) {
        const mimeType = field(blob, 'mimeType');
        if (typeof mimeType !== 'string' || mimeType === '') continue;
        const type = (mimeType.split(';')[0] ?? '').trim().toLowerCase();
        if (['image/', 'audio/', 'video/', 'text/'].some((prefix) => type.startsWith(prefix)) || type === 'application/pdf') continue;
        return `Unsupported MIME type: ${mimeType}`;
      }
      return undefined;
    },
  },
  {
    id: 'gemini.inline-data.fields',
    // https://ai.google.dev/api/caching#Blob: "mimeType: string Required. The IANA standard MIME type
    // of the source data." and "data: string (bytes format) Required. Raw bytes for media formats. A
    // base64-encoded string." Proto JSON bytes are "standard or URL-safe base64 encoding with/without
    // paddings" (https://protobuf.dev/programming-guides/json/): a `data:` URL is not.
    source: 'ai.google.dev/api/caching#Blob (mimeType and data: Required, base64); protobuf.dev/programming-guides/json (bytes)',
    check: (request) => {
      const body = generateRequestOf(request);
      if (body === undefined) return undefined;
      const system = field(body, 'systemInstruction');
      const parts = [
        ...contentsOf(body).flatMap((content) => content.parts.map((part, index) => ({ part, path: `contents[${content.index}].parts[${index}]` }))),
        ...(isRecord(system) ? recordsOf(field(system, 'parts')).map((part, index) => ({ part, path: `system_instruction.parts[${index}]` })) : []),
      ];
      for (const { part, path } of parts) {
        const blob = field(part, 'inlineData');
        if (!isRecord(blob)) continue;
        const mimeType = field(blob, 'mimeType');
        if (typeof mimeType !== 'string' || mimeType === '') return `* GenerateContentRequest.${path}.inline_data.mime_type: mime_type must be specified.\n`;
        const data = field(blob, 'data');
        if (typeof data !== 'string' || data === '' || !base64.test(data)) {
          return `Invalid JSON payload received. Invalid value at '${path}.inline_data.data' (TYPE_BYTES), Base64 decoding failed for "${String(data).slice(0, 40)}"`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'gemini.system-instruction.text-only',
    // https://ai.google.dev/api/generate-content#request-body: "systemInstruction: Optional.
    // Developer set system instruction(s). Currently, text only."
    source: 'ai.google.dev/api/generate-content (systemInstruction "Currently, text only")',
    check: (request) => {
      const body = generateRequestOf(request);
      const system = body === undefined ? undefined : field(body, 'systemInstruction');
      if (!isRecord(system)) return undefined;
      for (const [index, part] of recordsOf(field(system, 'parts')).entries()) {
        const data = dataFieldsOf(part);
        // A part without data: "* GenerateContentRequest.system_instruction.parts[0].data: required
        // oneof field 'data' must have one initialized field" (https://github.com/songquanpeng/one-api/issues/2243).
        if (data.length === 0) return `* GenerateContentRequest.system_instruction.parts[${index}].data: required oneof field 'data' must have one initialized field\n`;
        if (data.join() !== 'text') return `* GenerateContentRequest.system_instruction.parts[${index}].data: system_instruction supports text only.\n`;
      }
      return undefined;
    },
  },
];
