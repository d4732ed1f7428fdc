import assert from 'node:assert/strict';
import { fixtureNames, readFixtureJson } from '../support/fixtures.js';
import { judgeRequest, type VendorRefusal } from '../support/vendor-rules/index.js';

/** One rule's case: a body that breaks it (and only it, first) and the nearest body that keeps it. */
export interface RuleCase {
  rule: string;
  bad: Record<string, unknown>;
  good: Record<string, unknown>;
  /** A part of the vendor's message the refusal must carry. */
  says: string | RegExp;
}

export function judge(path: string, body: unknown): VendorRefusal | undefined {
  return judgeRequest({ method: 'POST', url: path, headers: {}, body });
}

/** Asserts the case's bad body is refused by its rule with the vendor's words, and its good body served. */
export function assertCase(path: string, ruleCase: RuleCase): void {
  const refusal = judge(path, ruleCase.bad);
  assert.equal(refusal?.rule, ruleCase.rule, `bad body of ${ruleCase.rule} was ${refusal === undefined ? 'served' : `refused by ${refusal.rule}: ${refusal.message}`}`);
  if (typeof ruleCase.says === 'string') assert.ok(refusal.message.includes(ruleCase.says), `${refusal.message} lacks ${ruleCase.says}`);
  else assert.match(refusal.message, ruleCase.says);
  const served = judge(path, ruleCase.good);
  assert.equal(served, undefined, `good body of ${ruleCase.rule} was refused by ${served?.rule}: ${served?.message}`);
}

/** The request bodies recorded from the real vendor under test/fixtures/recorded/<folder>. */
export function recordedRequests(folder: string): Array<{ name: string; body: unknown }> {
  return fixtureNames(folder)
    .filter((name) => name.endsWith('.request.json'))
    .map((name) => ({ name, body: readFixtureJson(`${folder}/${name}`) }));
}
