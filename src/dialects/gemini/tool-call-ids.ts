/**
 * Gemini 2.x function calls carry no id (Gemini 3 and some clients add one: fixtures
 * fantasy-gemini3pro-thinking.i1.request.json), yet the interlingua and the other dialects pair
 * results with calls by id. While parsing a conversation, calls without an id get a deterministic
 * one (`call_<turn>_<n>`), and each `functionResponse` is paired with its call by id when it has
 * one, else with the earliest unanswered call of the same name — the order Gemini documents for
 * parallel calls (https://ai.google.dev/gemini-api/docs/function-calling#parallel_function_calling).
 * A response whose id names no call is paired by name too, with a call that had no id: a client
 * that gets an id-less call makes one up and sends it back (Gemini CLI's turn.ts,
 * `fnCall.id ?? \`${fnCall.name}-${Date.now()}-…\``), which Gemini takes.
 */
export interface AssignedId {
  id: string;
  /** True when the wire had no id: the emitter then sends none back. */
  synthesized: boolean;
}

interface KnownCall {
  id: string;
  name: string;
  answered: boolean;
  /** The call had no id on the wire. */
  synthesized: boolean;
}

export class ToolCallIdRegistry {
  private readonly calls: KnownCall[] = [];

  /** The id of the `index`-th part of `contents[turn]`, a call. */
  forCall(wireId: string | undefined, name: string, turn: number, index: number): AssignedId {
    const assigned = wireId !== undefined && wireId !== '' ? { id: wireId, synthesized: false } : { id: `call_${turn}_${index}`, synthesized: true };
    this.calls.push({ id: assigned.id, name, answered: false, synthesized: assigned.synthesized });
    return assigned;
  }

  /** The id of the call the `index`-th part of `contents[turn]`, a response, answers. */
  forResponse(wireId: string | undefined, name: string, turn: number, index: number): AssignedId {
    if (wireId !== undefined && wireId !== '') {
      const call = this.calls.find((known) => known.id === wireId) ?? this.calls.find((known) => !known.answered && known.synthesized && known.name === name);
      if (call === undefined) return { id: wireId, synthesized: false };
      call.answered = true;
      return call.id === wireId ? { id: wireId, synthesized: false } : { id: call.id, synthesized: true };
    }
    const call = this.calls.find((known) => !known.answered && known.name === name);
    if (call === undefined) return { id: `call_${turn}_${index}`, synthesized: true };
    call.answered = true;
    return { id: call.id, synthesized: true };
  }
}
