/** An error a BullMQ connection emits after its close removed every listener is logged, not thrown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { logLateErrors } from '../../src/plugins/jobs/late-connection-errors.js';
import { recordingLogger } from '../support/recording-logger.js';

test("an 'error' with listeners reaches them; one after they are all gone is logged", () => {
  const logger = recordingLogger();
  const connection = new EventEmitter();
  logLateErrors(connection, 'worker', logger);
  const heard: unknown[] = [];
  connection.on('error', (error) => heard.push(error));
  connection.emit('error', new Error('first'));
  assert.equal(heard.length, 1);
  // What BullMQ's close does, before a setup still pending fails.
  connection.removeAllListeners();
  assert.doesNotThrow(() => connection.emit('error', new Error('Connection is closed.')));
  assert.deepEqual(
    logger.lines.map((line) => [line.message, line.fields['error']]),
    [['plugin job queue: a Redis connection failed after it was closed', 'Error: Connection is closed.']],
  );
  // Other events pass as they did.
  let ready = false;
  connection.on('ready', () => (ready = true));
  connection.emit('ready');
  assert.ok(ready);
});
