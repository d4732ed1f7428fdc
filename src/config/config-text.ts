import { parseJsonText } from '../wire/json-text.js';

/**
 * A configuration file's document, or why it did not parse naming the place but quoting none of
 * the file. The parsers quote the text around the fault (the YAML parser the whole line, JSON.parse
 * the start of the document), and that text may be a provider key or the admin key: a reload's
 * failure goes to the error log, where log collectors keep it.
 */
export function parseConfigText(text: string, json: boolean, parseYaml: (source: string) => unknown): { ok: true; document: unknown } | { ok: false; problem: string } {
  if (json) {
    const parsed = parseJsonText(text, Number.MAX_SAFE_INTEGER);
    return parsed.ok ? { ok: true, document: parsed.value } : { ok: false, problem: parsed.problem };
  }
  try {
    return { ok: true, document: parseYaml(text) };
  } catch (error) {
    // "Nested mappings are not allowed in compact mappings at line 6, column 13:\n\n<the line>\n  ^": its first line.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `is not valid YAML: ${message.split('\n')[0]!.replace(/:$/, '')}` };
  }
}
