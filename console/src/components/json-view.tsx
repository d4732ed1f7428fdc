import { useState } from 'preact/hooks';
import { CopyButton } from './copy-button';

/** Strings longer than this are folded to their start, with a button to show them whole. */
const foldAt = 400;

/**
 * Pretty-printed JSON with its tokens coloured, a copy button, lines wrapped rather than cut, and
 * long strings (a base64 image, a long prompt) folded; Preact escapes every piece, so any content is safe.
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <div class="json-block">
      {value !== undefined && <CopyButton text={text} label={`Copy ${label}`} />}
      <pre class="json" tabIndex={0} aria-label={label}>
        {value === undefined ? <span class="muted">(nothing)</span> : typeof value === 'string' ? <Folded text={text} /> : highlight(text)}
      </pre>
    </div>
  );
}

const token = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

function highlight(text: string) {
  const pieces: Array<string | preact.JSX.Element> = [];
  let last = 0;
  for (const match of text.matchAll(token)) {
    const index = match.index ?? 0;
    if (index > last) pieces.push(text.slice(last, index));
    const [whole, string, colon, literal, number] = match;
    if (string !== undefined) {
      pieces.push(
        <span class={colon !== undefined ? 'j-key' : 'j-string'}>
          <Folded text={string} />
        </span>,
      );
      if (colon !== undefined) pieces.push(colon);
    } else if (literal !== undefined) pieces.push(<span class="j-literal">{literal}</span>);
    else if (number !== undefined) pieces.push(<span class="j-number">{number}</span>);
    else pieces.push(whole);
    last = index + whole.length;
  }
  pieces.push(text.slice(last));
  return pieces;
}

function Folded({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= foldAt) return <>{text}</>;
  return (
    <>
      {open ? text : `${text.slice(0, foldAt)}…`}
      <button type="button" class="fold-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'fold' : `show all ${new Intl.NumberFormat('en').format(text.length)} characters`}
      </button>
    </>
  );
}
