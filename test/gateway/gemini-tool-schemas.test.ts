/**
 * Tool schemas JSON Schema takes and Gemini refuses (test/support/vendor-rules/gemini/schema.ts): an
 * array parameter without `items`, which MCP servers' tools often declare (a Claude Code session with
 * such tools, routed to Gemini, failed on every request), a required name no property declares, an
 * enum on a number or without a type, a string format other than `date-time` (`uri`, `email`), and an
 * object without properties (a tool without arguments as MCP SDKs write it, a map of labels).
 * The caller is the official Anthropic SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const client = () => new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });

interface DeclaredTools {
  tools: Array<{ functionDeclarations: Array<{ parameters: { properties: Record<string, unknown>; required?: string[] } }> }>;
}

function sentParameters(): DeclaredTools['tools'][number]['functionDeclarations'][number]['parameters'] | undefined {
  return (harness.upstreams.gemini.requests[0]?.body as DeclaredTools).tools[0]?.functionDeclarations[0]?.parameters;
}

test('a tool’s bare array parameter reaches Gemini with items that take anything', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  await client().messages.create({
    model: modelFor('gemini'),
    max_tokens: 256,
    tools: [
      {
        name: 'batch_update',
        description: 'Updates cells of a sheet.',
        input_schema: { type: 'object', properties: { values: { type: 'array', description: 'Rows of values.' }, ranges: { type: 'array', items: { type: 'string' } } }, required: ['values'] },
      },
    ],
    messages: [{ role: 'user', content: 'Fill in the totals.' }],
  });
  const properties = sentParameters()?.properties;
  assert.deepEqual(properties?.['values'], { type: 'ARRAY', description: 'Rows of values.', items: {} });
  assert.deepEqual(properties?.['ranges'], { type: 'ARRAY', items: { type: 'STRING' } });
});

test('a required name no property declares reaches Gemini declared, taking any value', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  await client().messages.create({
    model: modelFor('gemini'),
    max_tokens: 256,
    tools: [{ name: 'browser_click', description: 'Clicks an element.', input_schema: { type: 'object', properties: { element: { type: 'string' } }, required: ['element', 'ref'] } }],
    messages: [{ role: 'user', content: 'Click the button.' }],
  });
  assert.deepEqual(sentParameters(), { type: 'OBJECT', properties: { element: { type: 'STRING' }, ref: {} }, required: ['element', 'ref'] });
});

test('enums reach Gemini on strings only, and a string format it does not take goes into the description', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  const answer = await client()
    .messages.create({
      model: modelFor('gemini'),
      max_tokens: 256,
      tools: [
        {
          name: 'fetch_page',
          description: 'Fetches a page.',
          input_schema: {
            type: 'object',
            properties: {
              url: { type: 'string', format: 'uri', description: 'The page.' },
              method: { enum: ['GET', 'HEAD'] },
              retries: { type: 'integer', enum: [0, 1, 2] },
              since: { type: 'string', format: 'date-time' },
            },
            required: ['url'],
          },
        },
      ],
      messages: [{ role: 'user', content: 'Fetch the changelog.' }],
    })
    .withResponse();
  assert.deepEqual(sentParameters()?.properties, {
    url: { type: 'STRING', description: 'The page. Format: uri.' },
    method: { type: 'STRING', enum: ['GET', 'HEAD'] },
    retries: { type: 'INTEGER', description: 'One of: 0, 1, 2.' },
    since: { type: 'STRING', format: 'date-time' },
  });
  const warnings = answer.response.headers.get('x-interlingua-warnings') ?? '';
  assert.match(warnings, /json_schema\.format/);
  assert.match(warnings, /json_schema\.enum\.type/);
});

test('objects without properties: a tool without arguments is declared without parameters, a map takes any value', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  await client().messages.create({
    model: modelFor('gemini'),
    max_tokens: 256,
    tools: [
      {
        name: 'list_pages',
        description: 'Lists the open pages.',
        input_schema: { type: 'object', properties: {}, additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' },
      },
      {
        name: 'label_page',
        description: 'Labels a page.',
        input_schema: { type: 'object', properties: { page: { type: 'string' }, labels: { type: 'object', description: 'Label names and values.', additionalProperties: { type: 'string' } } } },
      },
    ],
    messages: [{ role: 'user', content: 'Label the open pages.' }],
  });
  const declarations = (harness.upstreams.gemini.requests[0]?.body as { tools: Array<{ functionDeclarations: Array<Record<string, unknown>> }> }).tools[0]?.functionDeclarations;
  assert.deepEqual(declarations?.[0], { name: 'list_pages', description: 'Lists the open pages.' });
  assert.deepEqual(declarations?.[1]?.['parameters'], { type: 'OBJECT', properties: { page: { type: 'STRING' }, labels: { description: 'Label names and values.' } } });
});
