/**
 * `${VAR}` in a configuration file: a whole `${VAR}` where the schema takes a number or true/false
 * becomes one, strictly; and a complaint about a value that came from the environment shows the
 * `${VAR}` as written, never the value (a key set in the wrong field stays off the terminal).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfigFile } from '../../src/config/load.js';

function writeTemporary(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'interlingua-env-')), 'gateway.yaml');
  writeFileSync(path, text);
  return path;
}

const provider = 'providers:\n  oa:\n    dialect: openai-chat\n    baseUrl: http://127.0.0.1:9/v1\n';

/** The message loading `text` with `environment` is refused with. */
function refusal(text: string, environment: Record<string, string>): string {
  try {
    loadConfigFile(writeTemporary(text), environment);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

test('a whole ${VAR} where a number or true/false goes becomes one', () => {
  const config = loadConfigFile(
    writeTemporary(`server:\n  port: \${PORTV}\nauth:\n  required: \${REQUIRED}\nrouting:\n  cooldown: \${COOLDOWN}\nretry:\n  attempts: \${ATTEMPTS}\n${provider}`),
    { PORTV: '41741', REQUIRED: 'true', COOLDOWN: 'false', ATTEMPTS: '0' },
  );
  assert.equal(config.server.port, 41741);
  assert.equal(config.auth.required, true);
  assert.equal(config.routing.cooldown, undefined, 'cooldown: false turns it off');
  assert.equal(config.retry.attempts, 0);
});

test('text fields keep digits as text, and a ${VAR} inside longer text is not converted', () => {
  const config = loadConfigFile(writeTemporary(`${provider}    apiKey: \${DIGITS}\nmodels:\n  m:\n    - provider: oa\n      model: \${DIGITS}\n`), { DIGITS: '12345' });
  assert.equal(config.providers.get('oa')?.apiKey, '12345');
  assert.equal(config.models.get('m')?.[0]?.model, '12345');
  const message = refusal(`server:\n  port: 4\${TAIL}\n${provider}`, { TAIL: '000' });
  assert.equal(message.split(': ').slice(1).join(': '), 'server.port: should be a number, not "4${TAIL}" (its value is not shown)');
});

test('only digits make a number and only true or false a boolean; anything else is named by its ${VAR}', () => {
  for (const value of ['0x10', '1e3', ' 80', '80 ', '']) {
    assert.match(refusal(`server:\n  port: \${PORTV}\n${provider}`, { PORTV: value }), /: server\.port: should be a number, not "\$\{PORTV\}" \(its value is not shown\)$/, value);
  }
  for (const value of ['yes', 'True', '1']) {
    assert.match(refusal(`auth:\n  required: \${REQUIRED}\n${provider}`, { REQUIRED: value }), /: auth\.required: should be true or false, not "\$\{REQUIRED\}" \(its value is not shown\)$/, value);
  }
});

test('a secret in the wrong field is not printed: the complaint shows the ${VAR} it was written as', () => {
  const secret = 'AIzaSyFAKEFAKEFAKEFAKEFAKEFAKEFAKE12345';
  const environment = { GEMINI_API_KEY: secret, GEMINI_BASE: 'https://generativelanguage.googleapis.com' };
  const swapped = refusal('providers:\n  google:\n    dialect: gemini\n    baseUrl: ${GEMINI_API_KEY}\n    apiKey: ${GEMINI_BASE}\n', environment);
  assert.ok(!swapped.includes(secret), swapped);
  assert.match(swapped, /providers\.google\.baseUrl: should be a URL, as in https:\/\/host\/v1, not "\$\{GEMINI_API_KEY\}" \(its value is not shown\)$/);

  const cases: Array<[string, RegExp]> = [
    ['providers:\n  p:\n    dialect: ${SECRET}\n', /providers\.p\.dialect: "\$\{SECRET\}" \(its value is not shown\) is neither a dialect/],
    ['providers:\n  p:\n    dialect: openai-chat\n    headers: ${SECRET}\n', /providers\.p\.headers: should be .*, not "\$\{SECRET\}" \(its value is not shown\)$/],
    [`auth:\n  required: \${SECRET}\n${provider}`, /auth\.required: should be true or false, not "\$\{SECRET\}" \(its value is not shown\)$/],
    [`routing:\n  strategy: \${SECRET}\n${provider}`, /routing\.strategy: should be one of .*, not "\$\{SECRET\}" \(its value is not shown\)$/],
    ['providers:\n  p:\n    dialect: onebot\n    baseUrl: ${SECRET_URL}\n', /providers\.p\.baseUrl: "\$\{SECRET_URL\}" \(its value is not shown\) is not a ws:\/\/ or wss:\/\/ URL/],
  ];
  for (const [text, expected] of cases) {
    const message = refusal(text, { SECRET: 'sk-short-SECRET', SECRET_URL: 'http://u:sk-short-SECRET@host/v1' });
    assert.ok(!message.includes('SECRET@') && !message.includes('sk-short'), message);
    assert.match(message, expected);
  }
});
