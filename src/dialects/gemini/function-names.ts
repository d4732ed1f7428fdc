/**
 * Gemini's function names: "Must start with a letter or an underscore. Must be a-z, A-Z, 0-9, or
 * contain underscores, dots, colons and dashes, with a maximum length of 64"
 * (https://ai.google.dev/api/caching#FunctionDeclaration; refused otherwise with "Invalid function
 * name", https://github.com/google-gemini/gemini-cli/issues/7869). Anthropic takes names of up to
 * 128 characters and names that start with a digit (MCP tool names often are both), so such a tool
 * is sent under a name Gemini takes and given back under its own (core/tool-names.ts).
 */
import { createHash } from 'node:crypto';

const maxLength = 64;
const validName = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/** `name` if Gemini takes it, else a Gemini name made from it that no other tool has. */
export function geminiFunctionName(name: string, taken: ReadonlySet<string>): string {
  if (validName.test(name)) return name;
  let base = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  if (base.length <= maxLength && !taken.has(base)) return base;
  // Too long, or another tool's name once cleaned: a hash of the caller's name keeps it apart.
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  for (let attempt = 0; ; attempt++) {
    const suffix = attempt === 0 ? `_${hash}` : `_${hash}${attempt}`;
    const candidate = `${base.slice(0, maxLength - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
