/**
 * Ollama's documented tool calls carry no id, and a tool result names only the function it
 * answers (`tool_name`: fixtures/ollama/chat-request-history-tools.jsonc); newer servers add an
 * `id` to calls (fixtures/ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json) and read
 * a result's `tool_call_id`. The interlingua and every other dialect pair results with calls by
 * id, so while a conversation is parsed:
 *
 * - a call without an id gets a deterministic one, `call_<message>_<position>`, so the same
 *   history always gives the same ids;
 * - a result with a `tool_call_id` answers that call; otherwise it answers the earliest
 *   unanswered call of the preceding assistant turn with its `tool_name` (or, without a name, the
 *   next unanswered call), which is the order Ollama's templates render parallel results in; a
 *   result no call is left for gets an id of its own and a warning.
 */
export interface AssignedId {
  id: string;
  /** True when the wire had no id: the emitter then sends none back. */
  synthesized: boolean;
}

export interface AssignedResult extends AssignedId {
  /** The function the result answers, from `tool_name` or from the paired call. */
  toolName?: string;
  /** False when no call could be found for the result. */
  paired: boolean;
}

interface KnownCall {
  id: string;
  name: string;
  turn: number;
  answered: boolean;
}

export class ToolCallPairing {
  private readonly calls: KnownCall[] = [];
  private lastTurn = -1;

  /** The id of the `position`-th call of the assistant message at `messages[turn]`. */
  forCall(wireId: string | undefined, name: string, turn: number, position: number): AssignedId {
    const assigned = wireId !== undefined && wireId !== '' ? { id: wireId, synthesized: false } : { id: `call_${turn}_${position}`, synthesized: true };
    this.calls.push({ id: assigned.id, name, turn, answered: false });
    this.lastTurn = turn;
    return assigned;
  }

  /** The call the `tool` message at `messages[turn]` answers. */
  forResult(wireId: string | undefined, toolName: string | undefined, turn: number): AssignedResult {
    const named = toolName !== undefined && toolName !== '' ? toolName : undefined;
    if (wireId !== undefined && wireId !== '') {
      const call = this.calls.find((known) => known.id === wireId);
      if (call !== undefined) call.answered = true;
      const name = named ?? call?.name;
      return { id: wireId, synthesized: false, paired: true, ...(name === undefined ? {} : { toolName: name }) };
    }
    const matches = (known: KnownCall) => !known.answered && (named === undefined || known.name === named);
    const call = this.calls.find((known) => known.turn === this.lastTurn && matches(known)) ?? this.calls.find(matches);
    if (call === undefined) {
      return { id: `call_${turn}_result`, synthesized: true, paired: false, ...(named === undefined ? {} : { toolName: named }) };
    }
    call.answered = true;
    return { id: call.id, synthesized: true, paired: true, toolName: named ?? call.name };
  }
}
