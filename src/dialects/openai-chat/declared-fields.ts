/**
 * For an upstream that refuses any field it does not declare (Mistral answers 422
 * `extra_forbidden`: see the `mistral` preset), or that refuses some by name (Groq), the fields of a
 * written request it would refuse, at the top and in each message, are left out, each reported
 * once. They come from the caller (its own vendor fields, `user`, a message's `name`), never from
 * the emitter's own choices, which the preset's other quirks already fit.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { DeclaredFields, RefusedFields } from './quirks.js';

interface DeclaredSets {
  body: ReadonlySet<string>;
  messages: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Quirks live as long as their provider: each list becomes sets once. */
const compiled = new WeakMap<DeclaredFields, DeclaredSets>();

function setsOf(declared: DeclaredFields): DeclaredSets {
  let sets = compiled.get(declared);
  if (sets === undefined) {
    sets = { body: new Set(declared.body), messages: new Map(Object.entries(declared.messages).map(([role, fields]) => [role, new Set(fields)])) };
    compiled.set(declared, sets);
  }
  return sets;
}

export function keepDeclaredFields(body: Record<string, unknown>, declared: DeclaredFields, warnings: Warning[]): void {
  const sets = setsOf(declared);
  const leftOut = leaveOut(body, (field) => !sets.body.has(field), (role, field) => sets.messages.get(role)?.has(field) === false);
  for (const field of leftOut) {
    warnings.push({ type: 'unsupported', feature: field, message: `This upstream refuses fields it does not declare; ${field} was left out.` });
  }
}

export function leaveOutRefusedFields(body: Record<string, unknown>, refused: RefusedFields, warnings: Warning[]): void {
  const leftOut = leaveOut(body, (field) => refused.body.includes(field), (_role, field) => refused.messages.includes(field));
  for (const field of leftOut) {
    warnings.push({ type: 'unsupported', feature: field, message: `This upstream refuses ${field}; it was left out.` });
  }
}

/** Deletes the fields `refuses` names, at the top and in each message; the names of those it found, once each. */
function leaveOut(body: Record<string, unknown>, refusesField: (field: string) => boolean, refusesInMessage: (role: string, field: string) => boolean): Set<string> {
  const leftOut = new Set<string>();
  for (const field of Object.keys(body)) {
    if (!refusesField(field)) continue;
    delete body[field];
    leftOut.add(field);
  }
  const messages = body['messages'];
  if (Array.isArray(messages)) {
    for (const message of messages as Array<Record<string, unknown>>) {
      const role = message['role'];
      if (typeof role !== 'string') continue;
      for (const field of Object.keys(message)) {
        if (!refusesInMessage(role, field)) continue;
        delete message[field];
        leftOut.add(`messages[].${role}.${field}`);
      }
    }
  }
  return leftOut;
}
