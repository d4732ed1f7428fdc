import { isRecord } from '../rule.js';

/**
 * A response schema's root must be an object: "Invalid schema for response_format 'AdSegmentPredictionList': schema
 * must be a JSON Schema of 'type: \"object\"', got 'type: \"array\"'." (github.com/podly-pure-podcasts/podly_pure_podcasts/pull/89).
 */
export function responseSchemaRootProblem(schema: unknown, name: string): string | undefined {
  if (!isRecord(schema) || typeof schema.type !== 'string' || schema.type === 'object') return undefined;
  return `Invalid schema for response_format '${name}': schema must be a JSON Schema of 'type: "object"', got 'type: "${schema.type}"'.`;
}
