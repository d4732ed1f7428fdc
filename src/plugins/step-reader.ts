import type { AssistantPart, ToolCallPart } from '../interlingua/content.js';
import type { FinishReason } from '../interlingua/finish-reason.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Usage } from '../interlingua/usage.js';
import type { VendorData } from '../interlingua/vendor.js';
import { InterlinguaError } from '../interlingua/error.js';
import { StreamFolder } from '../core/fold-stream.js';

/**
 * Reads one model call of a plugin loop as it streams. What the caller should see passes on at
 * once (text, reasoning, calls of the caller's own tools); calls of plugin tools, usage and the
 * finish are kept back, because the loop decides whether this call was the last. Block ids of
 * later calls get the step number, so the caller's stream never sees an id twice.
 */
export class StepReader {
  private readonly folder = new StreamFolder();
  private readonly pluginCallIds = new Set<string>();
  private finishEvent: Extract<StreamEvent, { type: 'finish' }> | undefined;
  callerCalls = 0;

  constructor(
    private readonly step: number,
    private readonly isPluginTool: (name: string) => boolean,
  ) {}

  /** The events of one batch that go to the caller now; an `error` event ends the step. */
  read(batch: StreamEvent[]): StreamEvent[] {
    const shown: StreamEvent[] = [];
    for (const event of batch) {
      if (event.type === 'error') {
        shown.push(event);
        return shown;
      }
      try {
        this.folder.push(event);
      } catch (error) {
        shown.push({ type: 'error', error: error instanceof InterlinguaError ? error : new InterlinguaError('upstream_error', String(error)) });
        return shown;
      }
      const passed = this.pass(event);
      if (passed !== undefined) shown.push(passed);
    }
    return shown;
  }

  get finished(): boolean {
    return this.finishEvent !== undefined;
  }

  get finishReason(): FinishReason {
    return this.finishEvent?.finishReason ?? { unified: 'other' };
  }

  get stopSequence(): string | undefined {
    return this.finishEvent?.stopSequence;
  }

  /** What this call's finish lists beside it (the output it had no part for: core/unported-output.ts). */
  get finishVendor(): VendorData | undefined {
    return this.finishEvent?.vendor;
  }

  /** This call's usage, once finished. */
  usage(): Usage {
    return this.folder.result().usage;
  }

  /** The model's turn as it goes back into the conversation: text, reasoning and its plugin calls. */
  assistantTurn(): AssistantPart[] {
    return this.folder.result().content;
  }

  pluginCalls(): ToolCallPart[] {
    return this.assistantTurn().filter((part): part is ToolCallPart => part.type === 'tool-call' && this.pluginCallIds.has(part.id));
  }

  private pass(event: Exclude<StreamEvent, { type: 'error' }>): StreamEvent | undefined {
    switch (event.type) {
      case 'response-start':
        return this.step === 0 ? event : undefined;
      case 'text-start':
      case 'text-delta':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-delta':
      case 'reasoning-signature':
      case 'reasoning-redacted':
      case 'reasoning-end':
        return this.step === 0 ? event : { ...event, id: `${this.step}-${event.id}` };
      case 'tool-call-start':
        if (this.isPluginTool(event.name)) {
          this.pluginCallIds.add(event.id);
          return undefined;
        }
        this.callerCalls++;
        return event;
      case 'tool-call-delta':
      case 'tool-call-end':
        return this.pluginCallIds.has(event.id) ? undefined : event;
      case 'usage':
        return undefined;
      case 'vendor-output':
        return event;
      case 'finish':
        this.finishEvent = event;
        return undefined;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
