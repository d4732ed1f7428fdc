/** The framings a streamed answer arrives in: SSE (OpenAI, Anthropic, Gemini) or NDJSON (Ollama). */

/** Frames of an SSE or NDJSON body as they arrive. */
export async function* readFrames(body: ReadableStream<Uint8Array>, framing: 'sse' | 'ndjson'): AsyncGenerator<{ event?: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const separator = framing === 'sse' ? /\r?\n\r?\n/ : /\r?\n/;
    for (let match = separator.exec(buffer); match !== null; match = separator.exec(buffer)) {
      const block = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      const frame = framing === 'sse' ? sseFrame(block) : block.trim() === '' ? undefined : { data: block };
      if (frame !== undefined) yield frame;
    }
  }
  const rest = framing === 'sse' ? sseFrame(buffer) : buffer.trim() === '' ? undefined : { data: buffer };
  if (rest !== undefined) yield rest;
}

function sseFrame(block: string): { event?: string; data: string } | undefined {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return undefined;
  return event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') };
}
