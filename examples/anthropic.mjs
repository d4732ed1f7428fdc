// An Anthropic SDK program with a tool, talking to whatever model the gateway routes `smart` to.
// Run the gateway first (`npx interlingua serve`), then: node examples/anthropic.mjs [model]
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ baseURL: process.env.INTERLINGUA_URL ?? 'http://127.0.0.1:4000', apiKey: 'unused' });
const message = await client.messages.create({
  model: process.argv[2] ?? 'smart',
  max_tokens: 512,
  tools: [
    {
      name: 'weather',
      description: 'Current weather in a city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
  messages: [{ role: 'user', content: 'What is the weather in Florence?' }],
});
for (const block of message.content) {
  if (block.type === 'text') console.log(block.text);
  if (block.type === 'tool_use') console.log(`tool call ${block.id}: ${block.name}(${JSON.stringify(block.input)})`);
}
console.log(`stop_reason: ${message.stop_reason}`);
