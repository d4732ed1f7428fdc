import type { AssistantPart } from './content.js';
import type { FinishReason } from './finish-reason.js';
import type { Usage } from './usage.js';
import type { VendorData } from './vendor.js';

/** A complete (non-streamed) answer. */
export interface ChatResponse {
  id: string;
  /** The model that answered, as the upstream named it. */
  model: string;
  /** Unix seconds. */
  created?: number;
  content: AssistantPart[];
  finishReason: FinishReason;
  usage: Usage;
  /** The stop sequence that ended generation, when the vendor says which (Anthropic). */
  stopSequence?: string;
  vendor?: VendorData;
}
