// A Google Gen AI SDK program talking to whatever model the gateway routes `smart` to.
// Run the gateway first (`npx interlingua serve`), then: node examples/gemini.mjs [model]
import { GoogleGenAI } from '@google/genai';

const ai = new GoogleGenAI({ apiKey: 'unused', httpOptions: { baseUrl: process.env.INTERLINGUA_URL ?? 'http://127.0.0.1:4000' } });
const stream = await ai.models.generateContentStream({
  model: process.argv[2] ?? 'smart',
  contents: 'Write a haiku about translation.',
  config: { systemInstruction: 'You are a poet.', temperature: 0.7 },
});
for await (const chunk of stream) process.stdout.write(chunk.text ?? '');
console.log();
