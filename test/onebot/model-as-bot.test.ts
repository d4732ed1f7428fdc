/**
 * Models as chat bots on a OneBot 12 implementation, over each of the standard's transports
 * (https://12.onebot.dev/connect/communication/): group messages are answered only when they
 * address the bot, private messages always, replies quote the message that called the bot, and
 * images reach the model as image parts (fetched with get_file, https://12.onebot.dev/interface/file/actions/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bot, queueVisionAnswer, recordedText, startBridge, visionStream, type BridgeSetup, type TransportName } from './support/bridge-setup.js';
import { groupMessage, image, mention, privateMessage, text, type RecordedAction } from './support/test-implementation.js';

const transports: TransportName[] = ['forward-ws', 'reverse-ws', 'http', 'webhook', 'webhook-response'];
const pngBase64 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');

type Segment = { type: string; data: Record<string, unknown> };
const segmentsOf = (action: RecordedAction) => action.params.message as Segment[];
const textOf = (actions: RecordedAction[]) =>
  actions
    .flatMap(segmentsOf)
    .filter((segment) => segment.type === 'text')
    .map((segment) => String(segment.data.text).trim())
    .join(' ');
const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();

/** Waits until the bridge has sent everything for the messages pushed so far. */
async function repliesSettled(setup: BridgeSetup, atLeast: number): Promise<RecordedAction[]> {
  await setup.implementation.waitForActions('send_message', atLeast);
  await setup.gateway.onebot?.idle();
  return setup.implementation.actions.filter((action) => action.action === 'send_message');
}

for (const transport of transports) {
  test(`${transport}: a group message that mentions the bot gets a quoting reply; one that does not is only remembered`, async () => {
    const setup = await startBridge(transport);
    try {
      queueVisionAnswer(setup.upstream);
      const { implementation } = setup;
      await implementation.push(groupMessage(implementation, bot, 'g-msg-1', 'alice', [text('what a lovely day')]));
      await implementation.push(groupMessage(implementation, bot, 'g-msg-2', 'bob', [mention(bot.user_id), text(' what did alice say?')]));
      const sent = await repliesSettled(setup, 1);
      assert.equal(setup.upstream.requests.length, 1, 'only the mention reached the model');
      const first = segmentsOf(sent[0]!);
      assert.deepEqual(first[0], { type: 'reply', data: { message_id: 'g-msg-2', user_id: 'bob' } });
      assert.deepEqual(first[1], { type: 'mention', data: { user_id: 'bob' } });
      assert.equal(sent[0]?.params.detail_type, 'group');
      assert.equal(sent[0]?.params.group_id, 'g-1');
      assert.deepEqual(sent[0]?.self, bot);
      assert.equal(collapse(textOf(sent)), collapse(recordedText(visionStream)));
      assert.ok(sent.length > 1, `sentence streaming sends several messages, got ${sent.length}`);
      assert.ok(sent.slice(1).every((action) => segmentsOf(action).every((segment) => segment.type === 'text')), 'only the first message quotes');
      // The model knows who said what: both group messages, each with its sender.
      const body = setup.upstream.requests[0]?.body as { messages: Array<{ role: string; content: Array<{ type: string; text?: string }> }> };
      const said = body.messages.flatMap((message) => message.content.map((part) => part.text ?? '')).join('\n');
      assert.match(said, /alice: what a lovely day/);
      assert.match(said, /bob: what did alice say\?/);
    } finally {
      await setup.close();
    }
  });

  test(`${transport}: a private message is always answered, and an image reaches the vision model as an image part`, async () => {
    const setup = await startBridge(transport);
    try {
      queueVisionAnswer(setup.upstream);
      const { implementation } = setup;
      implementation.files.set('file-1', { name: 'star.png', data: pngBase64 });
      await implementation.push(privateMessage(implementation, bot, 'p-msg-1', 'carol', [text('what is this?'), image('file-1')]));
      const sent = await repliesSettled(setup, 1);
      assert.equal(sent[0]?.params.detail_type, 'private');
      assert.equal(sent[0]?.params.user_id, 'carol');
      assert.equal(segmentsOf(sent[0]!)[0]?.type, 'text', 'a private reply neither quotes nor mentions');
      const body = setup.upstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
      const parts = body.messages.at(-1)?.content ?? [];
      if (transport === 'webhook-response') {
        // Without an action URL no action result comes back, so get_file cannot be used: the image is named, not lost.
        assert.deepEqual(parts, [{ type: 'text', text: 'what is this? [image]' }]);
      } else {
        assert.deepEqual(parts[0], { type: 'text', text: 'what is this?' });
        assert.deepEqual(parts[1], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } });
        const fetched = implementation.actions.find((action) => action.action === 'get_file');
        assert.equal(fetched?.params.file_id, 'file-1');
      }
    } finally {
      await setup.close();
    }
  });
}

test("the configuration's images.maxImages bounds a OneBot message's images: past it no get_file, the rest named", async () => {
  const setup = await startBridge('forward-ws', {}, {}, undefined, { images: { maxImages: 1 } });
  try {
    queueVisionAnswer(setup.upstream);
    const { implementation } = setup;
    implementation.files.set('file-1', { name: 'one.png', data: pngBase64 });
    implementation.files.set('file-2', { name: 'two.png', data: pngBase64 });
    await implementation.push(privateMessage(implementation, bot, 'p-msg-images', 'carol', [text('compare'), image('file-1'), image('file-2')]));
    await repliesSettled(setup, 1);
    const fetched = implementation.actions.filter((action) => action.action === 'get_file').map((action) => action.params.file_id);
    assert.deepEqual(fetched, ['file-1']);
    const body = setup.upstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
    const parts = body.messages.at(-1)?.content ?? [];
    assert.equal(parts.filter((part) => part.type === 'image').length, 1);
    assert.match(JSON.stringify(parts), /\[image\]/);
  } finally {
    await setup.close();
  }
});
