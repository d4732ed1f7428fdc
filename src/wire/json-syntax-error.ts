/**
 * Where JSON text first breaks the grammar of RFC 8259, as a character offset. `JSON.parse`
 * says so too, but V8 words some errors by quoting the text around the fault
 * (`Unexpected token 'x', "{"key": x…" is not valid JSON`), which would hand a caller's
 * secrets back to it and into the logs. This scanner is run only after `JSON.parse` has
 * failed, so its cost never touches a valid request. It keeps an explicit stack of open
 * containers rather than recursing, so no nesting depth can overflow it.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  return new GrammarScanner(text).firstError();
}

/** One-based line and column of a character offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const minus = 0x2d;

type ValueStep = 'error' | 'complete' | 'opened';

class GrammarScanner {
  private position = 0;

  constructor(private readonly text: string) {}

  firstError(): number | undefined {
    /** The character that closes each open container, innermost last. */
    const closers: number[] = [];
    this.skipWhitespace();
    for (;;) {
      const step = this.value(closers);
      if (step === 'error') return this.position;
      if (step === 'opened') continue;
      // A complete value: close what it ends, or move on to the next element or member.
      for (;;) {
        this.skipWhitespace();
        const closer = closers.at(-1);
        if (closer === undefined) return this.position === this.text.length ? undefined : this.position;
        const next = this.text.charCodeAt(this.position);
        if (next === closer) {
          closers.pop();
          this.position++;
          continue;
        }
        if (next !== comma) return this.position;
        this.position++;
        this.skipWhitespace();
        if (closer === closeBrace && !this.memberName()) return this.position;
        break;
      }
    }
  }

  /** Reads a value, or opens a container and stops where its first element's value begins. */
  private value(closers: number[]): ValueStep {
    const first = this.text.charCodeAt(this.position);
    if (first === openBrace || first === openBracket) {
      const closer = first === openBrace ? closeBrace : closeBracket;
      this.position++;
      this.skipWhitespace();
      if (this.text.charCodeAt(this.position) === closer) {
        this.position++;
        return 'complete';
      }
      closers.push(closer);
      if (closer === closeBrace && !this.memberName()) return 'error';
      return 'opened';
    }
    if (first === quote) return this.string() ? 'complete' : 'error';
    if (first === minus || isDigit(first)) return this.number() ? 'complete' : 'error';
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.position)) {
        this.position += literal.length;
        return 'complete';
      }
    }
    return 'error';
  }

  /** `"name" :` and the whitespace after it, leaving the position at the member's value. */
  private memberName(): boolean {
    if (this.text.charCodeAt(this.position) !== quote || !this.string()) return false;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.position) !== colon) return false;
    this.position++;
    this.skipWhitespace();
    return true;
  }

  private string(): boolean {
    this.position++;
    for (;;) {
      if (this.position >= this.text.length) return false;
      const code = this.text.charCodeAt(this.position);
      if (code === quote) {
        this.position++;
        return true;
      }
      if (code < 0x20) return false;
      if (code !== backslash) {
        this.position++;
        continue;
      }
      const escaped = this.text[this.position + 1] ?? '';
      if ('"\\/bfnrt'.includes(escaped) && escaped !== '') {
        this.position += 2;
      } else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.position + 2, this.position + 6))) {
        this.position += 6;
      } else {
        this.position++;
        return false;
      }
    }
  }

  private number(): boolean {
    if (this.text.charCodeAt(this.position) === minus) this.position++;
    const leading = this.text.charCodeAt(this.position);
    if (leading === 0x30) this.position++;
    else if (!this.digits()) return false;
    if (this.text.charCodeAt(this.position) === 0x2e) {
      this.position++;
      if (!this.digits()) return false;
    }
    const exponent = this.text.charCodeAt(this.position);
    if (exponent === 0x65 || exponent === 0x45) {
      this.position++;
      const sign = this.text.charCodeAt(this.position);
      if (sign === 0x2b || sign === minus) this.position++;
      if (!this.digits()) return false;
    }
    return true;
  }

  /** One or more digits. */
  private digits(): boolean {
    const start = this.position;
    while (isDigit(this.text.charCodeAt(this.position))) this.position++;
    return this.position > start;
  }

  private skipWhitespace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.position);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return;
      this.position++;
    }
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
