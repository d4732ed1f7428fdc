/** Why generation stopped, normalized, with the vendor's own word kept for pass-through. */
export type UnifiedFinishReason =
  | 'stop'
  | 'length'
  | 'tool-calls'
  | 'content-filter'
  | 'error'
  | 'other';

export interface FinishReason {
  unified: UnifiedFinishReason;
  raw?: string;
}
