// An Ollama client program talking to whatever model the gateway routes `smart` to.
// Run the gateway first (`npx interlingua serve`), then: node examples/ollama.mjs [model]
import { Ollama } from 'ollama';

const ollama = new Ollama({ host: process.env.INTERLINGUA_URL ?? 'http://127.0.0.1:4000' });
const stream = await ollama.chat({
  model: process.argv[2] ?? 'smart',
  messages: [{ role: 'user', content: 'Name three rivers, one per line.' }],
  stream: true,
});
for await (const part of stream) process.stdout.write(part.message.content);
console.log();
