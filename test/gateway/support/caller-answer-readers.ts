/**
 * What a caller got in its own dialect, read back out of its answer's bytes: its words, its
 * thinking and its tool calls (name and arguments), streamed or whole.
 */
import type { DialectName } from './harness.js';

/** A caller's stream as its JSON frames: SSE `data:` payloads, or Ollama's lines. */
export function framesOf(caller: DialectName, text: string): Array<Record<string, any>> {
  return text.split('\n').flatMap((line) => {
    if (line.startsWith('data: ') && line !== 'data: [DONE]') return [JSON.parse(line.slice(6)) as Record<string, any>];
    return caller === 'ollama' && line.trim() !== '' ? [JSON.parse(line) as Record<string, any>] : [];
  });
}

/** The tool calls a caller's stream carried, by its dialect's shape, arguments joined. */
export function callsIn(caller: DialectName, text: string): string[] {
  const datas = framesOf(caller, text);
  const calls = new Map<string, { name: string; args: string }>();
  for (const data of datas) {
    if (caller === 'anthropic') {
      if (data['type'] === 'content_block_start' && data['content_block']?.type === 'tool_use') calls.set(String(data['index']), { name: data['content_block'].name, args: '' });
      if (data['type'] === 'content_block_delta' && data['delta']?.type === 'input_json_delta') calls.get(String(data['index']))!.args += data['delta'].partial_json;
    } else if (caller === 'openai-chat') {
      for (const delta of (data['choices'] ?? []).map((choice: any) => choice.delta)) {
        for (const call of delta?.tool_calls ?? []) {
          const known = calls.get(String(call.index)) ?? { name: call.function?.name, args: '' };
          known.args += call.function?.arguments ?? '';
          calls.set(String(call.index), known);
        }
      }
    } else if (caller === 'openai-responses') {
      if (data['type'] === 'response.output_item.done' && data['item']?.type === 'function_call') calls.set(String(data['output_index']), { name: data['item'].name, args: data['item'].arguments });
    } else if (caller === 'gemini') {
      for (const part of data['candidates']?.[0]?.content?.parts ?? []) if (part.functionCall !== undefined) calls.set(String(calls.size), { name: part.functionCall.name, args: JSON.stringify(part.functionCall.args ?? {}) });
    } else {
      for (const call of data['message']?.tool_calls ?? []) calls.set(String(calls.size), { name: call.function.name, args: JSON.stringify(call.function.arguments) });
    }
  }
  return [...calls.values()].map(({ name, args }) => `${name} ${JSON.stringify(args === '' ? {} : JSON.parse(args))}`);
}

/** The words a caller's stream carried (not its thinking), by its dialect's shape. */
export function textIn(caller: DialectName, text: string): string {
  return framesOf(caller, text)
    .map((data) => {
      if (caller === 'anthropic') return data['type'] === 'content_block_delta' && data['delta']?.type === 'text_delta' ? String(data['delta'].text) : '';
      if (caller === 'openai-chat') return (data['choices'] ?? []).map((choice: any) => choice.delta?.content ?? '').join('');
      if (caller === 'openai-responses') return data['type'] === 'response.output_text.delta' ? String(data['delta']) : '';
      if (caller === 'gemini') return (data['candidates']?.[0]?.content?.parts ?? []).map((part: any) => (part.thought === true ? '' : (part.text ?? ''))).join('');
      return String(data['message']?.content ?? '');
    })
    .join('');
}

/** The thinking a caller's stream carried, by its dialect's shape. */
export function thinkingIn(caller: DialectName, text: string): string {
  return framesOf(caller, text)
    .map((data) => {
      if (caller === 'anthropic') return data['type'] === 'content_block_delta' && data['delta']?.type === 'thinking_delta' ? String(data['delta'].thinking) : '';
      if (caller === 'openai-chat') return (data['choices'] ?? []).map((choice: any) => choice.delta?.reasoning_content ?? choice.delta?.reasoning ?? '').join('');
      if (caller === 'openai-responses') return data['type'] === 'response.reasoning_summary_text.delta' || data['type'] === 'response.reasoning_text.delta' ? String(data['delta']) : '';
      if (caller === 'gemini') return (data['candidates']?.[0]?.content?.parts ?? []).map((part: any) => (part.thought === true ? (part.text ?? '') : '')).join('');
      return String(data['message']?.thinking ?? '');
    })
    .join('');
}

/** What a caller's whole answer carried: its words, its thinking and its tool calls, by its dialect's shape. */
export function wholeParts(caller: DialectName, text: string): { text: string; thinking: string; calls: string[] } {
  const body = JSON.parse(text) as Record<string, any>;
  const call = (name: string, args: unknown) => `${name} ${JSON.stringify(typeof args === 'string' ? (args === '' ? {} : JSON.parse(args)) : (args ?? {}))}`;
  const join = (pieces: unknown[]) => pieces.filter((piece) => typeof piece === 'string').join('');
  switch (caller) {
    case 'anthropic': {
      const blocks = body['content'] as Array<Record<string, any>>;
      return { text: join(blocks.map((one) => (one['type'] === 'text' ? one['text'] : ''))), thinking: join(blocks.map((one) => (one['type'] === 'thinking' ? one['thinking'] : ''))), calls: blocks.flatMap((one) => (one['type'] === 'tool_use' ? [call(one['name'], one['input'])] : [])) };
    }
    case 'openai-chat': {
      const message = body['choices'][0]['message'];
      return { text: message.content ?? '', thinking: message.reasoning_content ?? message.reasoning ?? '', calls: (message.tool_calls ?? []).map((one: any) => call(one.function.name, one.function.arguments)) };
    }
    case 'openai-responses': {
      const items = body['output'] as Array<Record<string, any>>;
      return {
        text: join(items.flatMap((item) => (item['type'] === 'message' ? item['content'].map((part: any) => part.text) : []))),
        thinking: join(items.flatMap((item) => (item['type'] === 'reasoning' ? (item['summary'] ?? []).map((part: any) => part.text) : []))),
        calls: items.flatMap((item) => (item['type'] === 'function_call' ? [call(item['name'], item['arguments'])] : [])),
      };
    }
    case 'gemini': {
      const parts = (body['candidates']?.[0]?.content?.parts ?? []) as Array<Record<string, any>>;
      return { text: join(parts.map((part) => (part['thought'] === true ? '' : part['text']))), thinking: join(parts.map((part) => (part['thought'] === true ? part['text'] : ''))), calls: parts.flatMap((part) => (part['functionCall'] === undefined ? [] : [call(part['functionCall'].name, part['functionCall'].args)])) };
    }
    case 'ollama':
      return { text: body['message'].content, thinking: body['message'].thinking ?? '', calls: (body['message'].tool_calls ?? []).map((one: any) => call(one.function.name, one.function.arguments)) };
  }
}
