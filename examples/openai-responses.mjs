// An OpenAI Responses API program talking to whatever model the gateway routes `smart` to.
// Run the gateway first (`npx interlingua serve`), then: node examples/openai-responses.mjs [model]
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.INTERLINGUA_URL ?? 'http://127.0.0.1:4000/v1', apiKey: 'unused' });
const stream = await client.responses.create({
  model: process.argv[2] ?? 'smart',
  instructions: 'You answer in one sentence.',
  input: 'What is an interlingua?',
  stream: true,
});
for await (const event of stream) {
  if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
  if (event.type === 'response.completed') console.log(`\n[${event.response.usage?.input_tokens} in, ${event.response.usage?.output_tokens} out]`);
}
