import { useState } from 'preact/hooks';
import { formatCost, formatCount, formatMs } from '../format';
import type { AnswerUsage, ChatTurn, ToolResult } from './wire';

/** One turn of a conversation, with what the gateway said about it. */
export interface Message extends ChatTurn {
  /** A reply's id, for the updates that arrive while it streams and after. */
  id?: number;
  meta?: { deployment?: string; exchange?: string; warnings?: string; ms: number; firstMs?: number; usage?: AnswerUsage; cost?: number | null };
  error?: { message: string; status?: number; exchange?: string };
  pending?: boolean;
  stopped?: boolean;
}

/** What the sample tool answers unless the user writes something else. */
const sampleResult = '{"temperature_c": 18, "conditions": "partly cloudy"}';

export function Bubble({ message, canAnswerTools, onToolResults }: { message: Message; canAnswerTools: boolean; onToolResults: (results: ToolResult[]) => void }) {
  if (message.role === 'tool') {
    return (
      <li class="bubble tool" data-role="tool">
        {message.toolResults?.map((result, index) => (
          <div class="tool-call" key={index}>
            <span class="badge neutral">tool result</span> <code>{result.call.name}</code>
            <pre>{result.output}</pre>
          </div>
        ))}
      </li>
    );
  }
  return (
    <li class={`bubble ${message.role}`} data-role={message.role}>
      {message.image !== undefined && <img src={message.image} alt="Attached image" class="bubble-image" />}
      {message.text !== '' && <div class="bubble-text">{message.text}</div>}
      {message.pending === true && message.text === '' && <div class="typing" role="img" aria-label="Waiting for the answer" />}
      {message.toolCalls?.map((call, index) => (
        <div class="tool-call" key={index}>
          <span class="badge neutral">tool call</span> <code>{call.name}</code>
          <pre>{call.arguments}</pre>
        </div>
      ))}
      {canAnswerTools && message.toolCalls !== undefined && message.toolCalls.length > 0 && <ToolResultForm message={message} onSend={onToolResults} />}
      {message.stopped === true && <p class="muted small">Stopped.</p>}
      {message.error !== undefined && (
        <p class="error" role="alert">
          {message.error.status !== undefined && <strong>{message.error.status} · </strong>}
          {message.error.message}
          {message.error.exchange !== undefined && (
            <>
              {' '}
              <a href={`#/inspector/${encodeURIComponent(message.error.exchange)}`}>Inspect this request</a>
            </>
          )}
        </p>
      )}
      {message.meta !== undefined && message.pending !== true && (
        <div class="bubble-meta">
          {message.meta.deployment !== undefined && <code>{message.meta.deployment}</code>}
          <span>{formatMs(message.meta.ms)}</span>
          {message.meta.firstMs !== undefined && <span>first token {formatMs(message.meta.firstMs)}</span>}
          {message.meta.usage !== undefined && (
            <span data-testid="reply-tokens">
              {formatCount(message.meta.usage.inputTokens)} in · {formatCount(message.meta.usage.outputTokens)} out tokens
            </span>
          )}
          {message.meta.cost !== undefined && <span data-testid="reply-cost">{formatCost(message.meta.cost)}</span>}
          {message.meta.warnings !== undefined && (
            <span class="badge warn" title={message.meta.warnings}>
              warnings
            </span>
          )}
          {message.meta.exchange !== undefined && <a href={`#/inspector/${encodeURIComponent(message.meta.exchange)}`}>Inspect</a>}
        </div>
      )}
    </li>
  );
}

/** The results of a turn's tool calls, written by the user, to send back so the model can go on. */
function ToolResultForm({ message, onSend }: { message: Message; onSend: (results: ToolResult[]) => void }) {
  const calls = message.toolCalls ?? [];
  const [outputs, setOutputs] = useState(() => calls.map(() => sampleResult));
  return (
    <form
      class="tool-results"
      aria-label="Tool results"
      onSubmit={(event) => {
        event.preventDefault();
        onSend(calls.map((call, index) => ({ call, output: outputs[index] ?? '' })));
      }}
    >
      {calls.map((call, index) => {
        const id = `tool-result-${call.id || call.name}-${index}`;
        return (
          <div class="field" key={id}>
            <label for={id}>Result of {call.name}</label>
            <textarea id={id} rows={2} class="code" value={outputs[index]} onInput={(event) => setOutputs(outputs.map((output, at) => (at === index ? event.currentTarget.value : output)))} />
          </div>
        );
      })}
      <button type="submit" class="small-button">
        Send result and continue
      </button>
    </form>
  );
}
