/**
 * `interlingua.v1` messages (proto/interlingua/v1/interlingua.proto) as proto-loader gives them
 * with the gateway's loader options: fields as the proto spells them, enums by name, int64 as
 * numbers, bytes as Buffers, the set member of each oneof named by its oneof (`part: 'text'`).
 * Absent fields are left out; a client may send any subset, so every field is optional.
 */
export interface WireChatRequest {
  model?: string;
  system?: string[];
  messages?: WireMessage[];
  tools?: WireToolDefinition[];
  tool_choice?: { mode?: string; name?: string; allowed?: string[] };
  parallel_tool_calls?: boolean;
  sampling?: WireSampling;
  response_format?: { type?: string; schema_json?: string; name?: string; description?: string; strict?: boolean };
  reasoning?: { enabled?: boolean; effort?: string; budget_tokens?: number; include_thoughts?: boolean };
  user?: string;
  vendor_json?: string;
}

export interface WireMessage {
  role?: string;
  content?: WireContentPart[];
  vendor_json?: string;
}

export interface WireContentPart {
  part?: 'text' | 'image' | 'tool_call' | 'tool_result' | 'reasoning' | 'generated_image';
  text?: { text?: string };
  image?: WireImagePart;
  tool_call?: { id?: string; name?: string; arguments?: string };
  tool_result?: { tool_call_id?: string; tool_name?: string; content?: WireContentPart[]; is_error?: boolean };
  reasoning?: { text?: string; signature?: string; redacted_data?: string; signature_origin?: string };
  generated_image?: WireGeneratedImage;
  vendor_json?: string;
}

/** An image the model drew; `data` is the image's bytes. */
export interface WireGeneratedImage {
  data?: Buffer | Uint8Array;
  media_type?: string;
}

export interface WireImagePart {
  source?: 'data' | 'url';
  data?: Buffer | Uint8Array;
  url?: string;
  media_type?: string;
  detail?: string;
}

export interface WireToolDefinition {
  name?: string;
  description?: string;
  parameters_json?: string;
  strict?: boolean;
}

export interface WireSampling {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  max_output_tokens?: number;
  stop_sequences?: string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  candidate_count?: number;
}

export interface WireUsage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  cached_input_tokens?: number;
  cache_write_tokens?: number;
  reasoning_tokens?: number;
}

export interface WireWarning {
  type: string;
  feature: string;
  message: string;
}

export interface WireFinishReason {
  unified: string;
  raw?: string;
}

export interface WireChatResponse {
  id: string;
  model: string;
  created?: number;
  content: WireContentPart[];
  finish_reason: WireFinishReason;
  usage: WireUsage;
  stop_sequence?: string;
  warnings: WireWarning[];
  deployment: string;
  vendor_json?: string;
}

/** One stream event: exactly one member set, named as in the proto's `event` oneof. */
export type WireStreamEvent =
  | { response_start: { id: string; model: string; created?: number; usage?: WireUsage; warnings: WireWarning[]; deployment: string } }
  | { text_start: { id: string } }
  | { text_delta: { id: string; delta: string } }
  | { text_end: { id: string } }
  | { reasoning_start: { id: string; signature_origin?: string } }
  | { reasoning_delta: { id: string; delta: string } }
  | { reasoning_signature: { id: string; signature: string } }
  | { reasoning_redacted: { id: string; data: string } }
  | { reasoning_end: { id: string } }
  | { tool_call_start: { id: string; name: string; vendor_json?: string } }
  | { tool_call_delta: { id: string; delta: string } }
  | { tool_call_end: { id: string } }
  | { usage: { usage: WireUsage } }
  | { finish: { finish_reason: WireFinishReason; usage: WireUsage; stop_sequence?: string; warnings: WireWarning[] } }
  | { generated_image: WireGeneratedImage }
  | { error: { code: string; message: string; status: number } };
