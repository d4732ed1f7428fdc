import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, getJson, sendJson, type ModelsInfo } from '../api';
import { loadFailure } from '../components/load-state';
import { Notice, PageHeader } from '../components/status';
import { Bubble, type Message } from '../playground/bubble';
import { readFrames } from '../playground/frames';
import { recordedCost } from '../playground/reply-cost';
import { callerDialects, type AnswerState, type CallerDialect, type ChatTurn, type ToolResult, type ToolSpec } from '../playground/wire';

const playgroundKeyStorage = 'interlingua.playgroundKey';

const sampleTool: ToolSpec = {
  name: 'get_weather',
  description: 'The current weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] },
};

/** A failed answer: the gateway's status, its message, and the captured exchange to inspect. */
class AnswerError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly exchange: string | undefined,
  ) {
    super(message);
  }
}

interface Pane {
  model: string;
  messages: Message[];
}

export function PlaygroundPage() {
  const [info, setInfo] = useState<ModelsInfo | null>(null);
  const [dialectId, setDialectId] = useState('openai-chat');
  const [stream, setStream] = useState(true);
  const [useTools, setUseTools] = useState(false);
  const [system, setSystem] = useState('');
  const [prompt, setPrompt] = useState('');
  const [image, setImage] = useState<string | undefined>(undefined);
  const [compare, setCompare] = useState(false);
  const [panes, setPanes] = useState<Pane[]>([
    { model: '', messages: [] },
    { model: '', messages: [] },
  ]);
  const [key, setKey] = useState(() => sessionStorage.getItem(playgroundKeyStorage) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const panesRef = useRef(panes);
  panesRef.current = panes;
  // Aborts the answers in flight: the Stop button, leaving the page.
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  useEffect(() => {
    getJson<ModelsInfo>('/models').then(
      (loaded) => {
        setInfo(loaded);
        const names = loaded.models.map((model) => model.name);
        setPanes((current) => current.map((pane, index) => ({ ...pane, model: pane.model || (names[Math.min(index, names.length - 1)] ?? '') })));
      },
      (caught: unknown) => setError(loadFailure(caught)),
    );
  }, []);

  const dialect = callerDialects.find((entry) => entry.id === dialectId) as CallerDialect;
  // Replies are updated by id, so a late update (a cost found after Clear chat) lands nowhere rather than on another message.
  const updateMessage = (paneIndex: number, replyId: number, change: Partial<Message>) =>
    setPanes((current) => current.map((pane, index) => (index !== paneIndex ? pane : { ...pane, messages: pane.messages.map((message) => (message.id === replyId ? { ...message, ...change } : message)) })));
  const nextReplyId = useRef(0);

  const createKey = async () => {
    try {
      const created = await sendJson<{ key: string }>('POST', '/keys', { name: `console-playground-${new Date().toISOString().replace(/[:.]/g, '-')}`, expires: '1d', metadata: { purpose: 'console playground' } });
      sessionStorage.setItem(playgroundKeyStorage, created.key);
      setKey(created.key);
    } catch (caught) {
      setError(loadFailure(caught));
    }
  };

  const ask = async (paneIndex: number, turn: ChatTurn, signal: AbortSignal) => {
    const pane = panesRef.current[paneIndex] as Pane;
    const history: ChatTurn[] = [
      ...pane.messages
        .filter((message) => message.error === undefined && !message.pending)
        .map(({ role, text, image, toolCalls, toolResults }) => ({ role, text, ...(image ? { image } : {}), ...(toolCalls ? { toolCalls } : {}), ...(toolResults ? { toolResults } : {}) })),
      turn,
    ];
    nextReplyId.current += 1;
    const at = nextReplyId.current;
    setPanes((current) => current.map((entry, index) => (index === paneIndex ? { ...entry, messages: [...entry.messages, { ...turn }, { id: at, role: 'assistant', text: '', pending: true }] } : entry)));
    const started = performance.now();
    const startedAt = Date.now();
    let meta: NonNullable<Message['meta']> = { ms: 0 };
    const state: AnswerState = { text: '', toolCalls: [] };
    try {
      const wire = dialect.request(pane.model, system.trim(), history, useTools ? [sampleTool] : [], stream);
      const response = await fetch(wire.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key === '' ? {} : { authorization: `Bearer ${key}` }), ...wire.headers },
        body: JSON.stringify(wire.body),
        signal,
      });
      const header = (name: string) => response.headers.get(name) ?? undefined;
      const exchange = header('x-interlingua-exchange');
      meta = { ms: 0, ...(header('x-interlingua-deployment') ? { deployment: header('x-interlingua-deployment') as string } : {}), ...(exchange ? { exchange } : {}), ...(header('x-interlingua-warnings') ? { warnings: header('x-interlingua-warnings') as string } : {}) };
      if (!response.ok || response.body === null) {
        const body: unknown = await response.json().catch(() => undefined);
        throw new AnswerError(errorMessage(body, response.status), response.status, exchange);
      }
      if (wire.framing === 'json') Object.assign(state, dialect.whole(await response.json()));
      else {
        let firstMs: number | undefined;
        for await (const frame of readFrames(response.body, wire.framing)) {
          if (frame.data === '[DONE]') continue;
          let data: unknown;
          try {
            data = JSON.parse(frame.data);
          } catch {
            continue;
          }
          const failure = (data as { error?: unknown; type?: unknown }).error;
          // An error after the first byte arrives in the stream, under a 200.
          if (failure !== undefined) throw new AnswerError(`${errorMessage(data, 200)} (the stream broke after it began)`, undefined, exchange);
          dialect.frame(state, data, frame.event);
          if (firstMs === undefined && (state.text !== '' || state.toolCalls.length > 0)) firstMs = performance.now() - started;
          meta = { ...meta, ms: performance.now() - started, ...(firstMs !== undefined ? { firstMs } : {}) };
          updateMessage(paneIndex, at, { text: state.text, toolCalls: state.toolCalls.map((call) => ({ ...call })), meta });
        }
      }
      meta = { ...meta, ms: performance.now() - started, ...(state.usage !== undefined ? { usage: state.usage } : {}) };
      updateMessage(paneIndex, at, { text: state.text, ...(state.toolCalls.length > 0 ? { toolCalls: state.toolCalls } : {}), pending: false, meta });
      // The recorded cost arrives a moment later; the reply is done (and Send is back) meanwhile.
      const answered = meta;
      if (state.usage !== undefined) void recordedCost(pane.model, startedAt, state.usage).then((cost) => cost !== undefined && updateMessage(paneIndex, at, { meta: { ...answered, cost } }));
    } catch (caught) {
      meta = { ...meta, ms: performance.now() - started };
      if (signal.aborted) updateMessage(paneIndex, at, { text: state.text, pending: false, stopped: true, meta });
      else if (caught instanceof AnswerError) updateMessage(paneIndex, at, { pending: false, error: { message: caught.message, ...(caught.status !== undefined ? { status: caught.status } : {}), ...(caught.exchange !== undefined ? { exchange: caught.exchange } : {}) } });
      else updateMessage(paneIndex, at, { pending: false, error: { message: loadFailure(caught) } });
    }
  };

  /** Asks the panes in `paneIndexes`, with a Stop button for as long as they answer. */
  const run = async (paneIndexes: number[], turn: ChatTurn) => {
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    await Promise.all(paneIndexes.map((index) => ask(index, turn, controller.signal)));
    if (running.current === controller) running.current = null;
    setBusy(false);
  };

  const send = async (event: Event) => {
    event.preventDefault();
    if (prompt.trim() === '' || busy) return;
    const turn: ChatTurn = { role: 'user', text: prompt.trim(), ...(image !== undefined ? { image } : {}) };
    setPrompt('');
    setImage(undefined);
    await run(compare ? [0, 1] : [0], turn);
  };

  const sendToolResults = (paneIndex: number, results: ToolResult[]) => void run([paneIndex], { role: 'tool', text: '', toolResults: results });

  const attach = (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file === undefined) return;
    const reader = new FileReader();
    reader.onload = () => setImage(String(reader.result));
    reader.readAsDataURL(file);
  };

  const models = info?.models.map((model) => model.name) ?? [];
  return (
    <section class="page playground" aria-labelledby="playground-title">
      <PageHeader title="Playground" description="Talk to any model in any dialect, stream the answer, and compare two models on one prompt.">
        <button type="button" class="ghost" onClick={() => setPanes(panes.map((pane) => ({ ...pane, messages: [] })))}>
          Clear chat
        </button>
      </PageHeader>
      {error !== null && <Notice tone="error">{error}</Notice>}
      <div class="playground-layout">
        <form class="card form settings" aria-label="Playground settings" onSubmit={(event) => event.preventDefault()}>
          <div class="field">
            <label for="pg-dialect">Speak</label>
            <select id="pg-dialect" value={dialectId} onChange={(event) => setDialectId(event.currentTarget.value)}>
              {callerDialects.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="pg-key">Gateway key</label>
            <input id="pg-key" type="password" value={key} placeholder="sk-…" onInput={(event) => (setKey(event.currentTarget.value), sessionStorage.setItem(playgroundKeyStorage, event.currentTarget.value))} />
            <button type="button" class="link-button" onClick={() => void createKey()}>
              Create a playground key (expires in a day)
            </button>
          </div>
          <div class="field">
            <label for="pg-system">System prompt</label>
            <textarea id="pg-system" rows={3} value={system} onInput={(event) => setSystem(event.currentTarget.value)} placeholder="You are a helpful assistant." />
          </div>
          <label class="check">
            <input type="checkbox" checked={stream} onChange={(event) => setStream(event.currentTarget.checked)} />
            <span>Stream the answer</span>
          </label>
          <label class="check">
            <input type="checkbox" checked={useTools} onChange={(event) => setUseTools(event.currentTarget.checked)} />
            <span>
              Offer a tool (<code>get_weather</code>)
            </span>
          </label>
          <label class="check">
            <input type="checkbox" checked={compare} onChange={(event) => setCompare(event.currentTarget.checked)} />
            <span>Compare two models</span>
          </label>
          {info !== null && !info.capturing && <p class="muted small">Turn on <code>console.captureBodies</code> to inspect these requests.</p>}
        </form>
        <div class="chat-area">
          <div class={`panes ${compare ? 'compare' : ''}`}>
            {(compare ? [0, 1] : [0]).map((paneIndex) => {
              const pane = panes[paneIndex] as Pane;
              return (
                <section class="card pane" key={paneIndex} aria-label={`Conversation ${paneIndex + 1}`}>
                  <div class="pane-header">
                    <label for={`pg-model-${paneIndex}`}>Model</label>
                    <select id={`pg-model-${paneIndex}`} value={pane.model} onChange={(event) => setPanes(panes.map((entry, index) => (index === paneIndex ? { ...entry, model: event.currentTarget.value } : entry)))}>
                      {models.map((model) => (
                        <option key={model} value={model}>
                          {model}
                        </option>
                      ))}
                    </select>
                  </div>
                  {/* It scrolls on its own once long, so it takes focus for the keyboard to scroll it. */}
                  <ol class="transcript" aria-live="polite" tabIndex={0} aria-label={`Conversation ${paneIndex + 1} transcript`}>
                    {pane.messages.length === 0 && <li class="empty muted">Send a message to start.</li>}
                    {pane.messages.map((message, index) => (
                      <Bubble key={index} message={message} canAnswerTools={!busy && index === pane.messages.length - 1} onToolResults={(results) => sendToolResults(paneIndex, results)} />
                    ))}
                  </ol>
                </section>
              );
            })}
          </div>
          <form class="card composer" onSubmit={send}>
            <label for="pg-prompt" class="visually-hidden">
              Message
            </label>
            <textarea
              id="pg-prompt"
              rows={2}
              value={prompt}
              placeholder="Ask something… (Ctrl+Enter to send)"
              onInput={(event) => setPrompt(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send(event);
              }}
            />
            <div class="composer-actions">
              <label class="file-button">
                <input type="file" accept="image/*" onChange={attach} />
                <span>{image === undefined ? 'Attach image' : 'Image attached ✓'}</span>
              </label>
              {image !== undefined && <img src={image} alt="Attached image preview" class="thumb" />}
              {busy ? (
                <button type="button" class="stop" onClick={() => running.current?.abort()}>
                  Stop
                </button>
              ) : (
                <button type="submit" class="primary" disabled={prompt.trim() === '' || models.length === 0}>
                  Send
                </button>
              )}
            </div>
          </form>
        </div>
      </div>
    </section>
  );
}
