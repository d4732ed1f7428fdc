import type { ChatRequest } from '../interlingua/request.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { TextPart } from '../interlingua/content.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import { InterlinguaError } from '../interlingua/error.js';
import { generateId } from '../core/ids.js';
import { StreamFolder } from '../core/fold-stream.js';
import { dialectName as responsesDialect } from '../dialects/openai-responses/vendor.js';
import type { ResponseRecords } from '../conversations/response-records.js';
import type { StoredTurn } from '../conversations/stored-turn.js';
import type { ResponseOwner } from '../conversations/response-owner.js';
import type { OpenedStream } from './chat-engine.js';

/** A Responses request made ready for any upstream. */
export interface PreparedTurn {
  /** The whole conversation for the engine, without the state fields no upstream should see. */
  request: ChatRequest;
  /** The caller's own request with `store` resolved, for the settings the response echoes. */
  echo: ChatRequest;
  /** Keeps the answer; absent when the caller said `store: false`. */
  recorder?: TurnRecorder;
  /**
   * Whether the turn continues a stored response: the upstream is sent the whole conversation
   * without `previous_response_id`, so its answer echoes neither the caller's id nor its instructions.
   */
  continued: boolean;
}

/**
 * The Responses API's server-side conversation state, kept by the gateway so that it works
 * against every upstream: `previous_response_id` replays the stored chain before the new input,
 * and with `store` (on unless the caller turns it off, as at OpenAI) the answer is kept under a
 * gateway-issued `resp_` id that `GET /v1/responses/{id}` returns. The answer belongs to the
 * caller's key: only that key's turns can continue from it.
 * Reference: https://platform.openai.com/docs/api-reference/responses/create
 */
export class ResponsesConversations {
  constructor(readonly records: ResponseRecords) {}

  async prepare(request: ChatRequest, owner: ResponseOwner): Promise<PreparedTurn> {
    const fields = request.vendor?.[responsesDialect] ?? {};
    const { previous_response_id: previous, store: storeField, ...upstreamFields } = fields;
    if (previous !== undefined && previous !== null && typeof previous !== 'string') {
      throw new InterlinguaError('invalid_request', 'previous_response_id must be a string.', { param: 'previous_response_id' });
    }
    const store = storeField !== false;
    const previousId = typeof previous === 'string' && previous !== '' ? previous : undefined;
    // A turn to be stored while the database is known to be away is refused before the upstream
    // is asked (and bills it), not after its answer could not be kept.
    if (store) this.records.checkAvailable();
    const chain = previousId === undefined ? [] : await this.records.chain(previousId, owner);
    if (chain === undefined) {
      // OpenAI's own body, which clients key on to resend the whole conversation: `{"code":"previous_response_not_found",
      // "message":"Previous response with id 'resp_…' not found."}` (https://github.com/maximhq/bifrost/issues/2441).
      throw new InterlinguaError('invalid_request', `Previous response with id '${previousId}' not found.`, {
        param: 'previous_response_id',
        vendorCode: 'previous_response_not_found',
      });
    }

    const ownSystem = request.system.filter(isInputSystemPart);
    const instructions = request.system.filter((part) => !isInputSystemPart(part));
    const vendor = { ...request.vendor };
    if (Object.keys(upstreamFields).length > 0) vendor[responsesDialect] = upstreamFields;
    else delete vendor[responsesDialect];
    const whole: ChatRequest = {
      ...request,
      system: [...instructions, ...chain.flatMap((turn) => turn.system), ...ownSystem],
      messages: [...chain.flatMap(turnMessages), ...request.messages],
      vendor,
    };
    if (Object.keys(vendor).length === 0) delete whole.vendor;

    const echo: ChatRequest = { ...request, vendor: { ...request.vendor, [responsesDialect]: { ...fields, store } } };
    const prepared: PreparedTurn = { request: whole, echo, continued: previousId !== undefined };
    if (store) prepared.recorder = new TurnRecorder(this.records, owner, request.model, previousId ?? null, { system: ownSystem, messages: request.messages });
    return prepared;
  }
}

/** A system part that came from an input item (`role: system|developer`), not from `instructions`. */
function isInputSystemPart(part: TextPart): boolean {
  return part.vendor?.[responsesDialect]?.['role'] !== undefined;
}

function turnMessages(turn: StoredTurn): ChatRequest['messages'] {
  return turn.answer.content.length === 0 ? turn.messages : [...turn.messages, { role: 'assistant', content: turn.answer.content }];
}

/**
 * Stores one answer under an id of the gateway's own, which it also gives the caller. A
 * streamed answer is stored before its final events are written, so a caller that continues
 * the conversation the moment its stream ends finds it.
 */
export class TurnRecorder {
  readonly id = generateId('resp_');
  private readonly createdAt = Date.now();

  constructor(
    private readonly records: ResponseRecords,
    private readonly owner: ResponseOwner,
    private readonly model: string,
    private readonly previousId: string | null,
    private readonly turn: Omit<StoredTurn, 'answer'>,
  ) {}

  /** The answer under the stored id. */
  identify(response: ChatResponse): ChatResponse {
    return { ...response, id: this.id };
  }

  save(response: ChatResponse, body: unknown): Promise<void> {
    return this.records.save({
      id: this.id,
      createdAt: this.createdAt,
      model: this.model,
      previousResponseId: this.previousId,
      owner: this.owner,
      turn: { ...this.turn, answer: { content: response.content } },
      body,
    });
  }

  /**
   * The stream under the stored id, folded as it passes; `folded()` is the answer once it
   * finished. The caller stores it before writing the final events (see `writeStream`).
   */
  tap(opened: OpenedStream): { stream: OpenedStream; folded: () => ChatResponse } {
    const folder = new StreamFolder();
    const watch = (batch: StreamEvent[]): StreamEvent[] =>
      batch.map((event) => {
        if (event.type === 'error') return event;
        const renamed = event.type === 'response-start' ? { ...event, id: this.id } : event;
        folder.push(renamed);
        return renamed;
      });
    const rest = opened.rest;
    async function* watched(): AsyncGenerator<StreamEvent[], undefined> {
      try {
        for (;;) {
          const next = await rest.next();
          if (next.done) return undefined;
          yield watch(next.value);
        }
      } finally {
        await rest.return?.(undefined);
      }
    }
    return { stream: { first: watch(opened.first), rest: watched() }, folded: () => folder.result() };
  }
}
