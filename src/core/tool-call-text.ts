/**
 * A text-only answer (OpenAI's legacy completions, Ollama's `/api/generate`) has no place for tool
 * calls. Should the upstream behind it answer with tool calls (a chat upstream given tools by
 * configuration), each call is written into the text as one JSON object
 * `{"name": …, "arguments": …}` on its own line rather than dropped without a word. The streamed
 * and the whole answer write the same characters.
 */

/** Opens a call's object; its argument JSON follows as it streams. */
export function toolCallOpening(name: string, textBefore: boolean): string {
  return `${textBefore ? '\n' : ''}{"name": ${JSON.stringify(name)}, "arguments": `;
}

/** Closes a call's object; `{}` stands in for arguments that never came. */
export function toolCallClosing(argumentsWritten: boolean): string {
  return argumentsWritten ? '}' : '{}}';
}

export function toolCallText(name: string, argumentsText: string, textBefore: boolean): string {
  return toolCallOpening(name, textBefore) + argumentsText + toolCallClosing(argumentsText !== '');
}

/**
 * Tool calls written into a streamed text as their events come: each method returns the text to
 * append (empty for none), and the pieces add up to what `toolCallText` writes for a whole answer.
 * A call whose end never came is closed by `endAll` at the stream's finish, so the text never
 * holds a call's object half open.
 */
export class StreamedToolCallText {
  /** Calls open in the text, and whether any argument text was written for each. */
  private readonly open = new Map<string, boolean>();

  start(id: string, name: string, textBefore: boolean): string {
    this.open.set(id, false);
    return toolCallOpening(name, textBefore);
  }

  delta(id: string, delta: string): string {
    if (delta === '' || !this.open.has(id)) return '';
    this.open.set(id, true);
    return delta;
  }

  end(id: string): string {
    const argumentsWritten = this.open.get(id);
    if (argumentsWritten === undefined) return '';
    this.open.delete(id);
    return toolCallClosing(argumentsWritten);
  }

  /** The closings of every call still open, one piece each. */
  endAll(): string[] {
    return [...this.open.keys()].map((id) => this.end(id));
  }
}
