// An OpenAI SDK program talking to whatever model the gateway routes `smart` to.
// Run the gateway first (`npx interlingua serve`), then: node examples/openai-chat.mjs [model]
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.INTERLINGUA_URL ?? 'http://127.0.0.1:4000/v1', apiKey: 'unused' });
const stream = await client.chat.completions.create({
  model: process.argv[2] ?? 'smart',
  messages: [
    { role: 'system', content: 'You answer in one sentence.' },
    { role: 'user', content: 'Why is the sky blue?' },
  ],
  stream: true,
  stream_options: { include_usage: true },
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta.content ?? '');
  if (chunk.usage) console.log(`\n[${chunk.usage.prompt_tokens} in, ${chunk.usage.completion_tokens} out]`);
}
