/**
 * The user turn put before a conversation that opens with the model, for upstreams whose
 * conversations must open with the user (Gemini before a function call, Bedrock Converse always):
 * it asks for nothing new, so the model goes on from the history as it stands.
 */
export const openingUserText = 'Continue.';
