import { FakeBotApi } from '../support/fake-bot-api';
import {
  createOutboxApp,
  FAST,
  fakeLimitsOf,
  fanOut,
  OutboxApp,
  outboxRows,
  waitUntilSettled,
} from '../support/outbox/outbox-harness';
import { dialectUnderTest } from '../support/test-database';

const PRIVATE_CHATS = Array.from({ length: 160 }, (_, i) => 60_001 + i);
const GROUPS = Array.from({ length: 40 }, (_, i) => -1_000_000_060_001 - i);
const PER_CHAT = 5;

describe(`outbox under Telegram faults on ${dialectUnderTest()}`, () => {
  let api: FakeBotApi;
  let app: OutboxApp;

  beforeAll(async () => {
    // The fake enforces the same (ten times faster) limits the sender keeps.
    api = await FakeBotApi.start({ enforceRateLimits: true, limits: fakeLimitsOf(FAST), seed: 7 });
    for (const id of GROUPS) api.botAddedToGroup({ id, title: `Группа ${id}` });
    app = await createOutboxApp({ api });
    // Rules draw in turn: 10 % of calls get 429, then 5 % of all calls (5.6 % of the rest) get 500.
    api.injectFault({
      method: 'sendMessage',
      probability: 0.1,
      fault: { code: 429, retryAfter: 1 },
    });
    api.injectFault({ method: 'sendMessage', probability: 0.05 / 0.9, fault: { code: 500 } });
    await app.enqueue(fanOut([...PRIVATE_CHATS, ...GROUPS], PER_CHAT));
    await waitUntilSettled(app, 25_000);
  });

  afterAll(async () => {
    await app?.close();
    await api?.stop();
  });

  const sends = () => api.calls('sendMessage');

  it('logged no error: every fault was one to retry', () => {
    expect(app.errors).toEqual([]);
  });

  it('met the faults it was meant to meet', () => {
    const statuses = sends().map((call) => call.status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(60);
    expect(statuses.filter((status) => status === 500).length).toBeGreaterThan(25);
  });

  it('delivers every one of the 1 000 notifications exactly once, in order per chat', async () => {
    const rows = await outboxRows(app);
    expect(rows).toHaveLength(1_000);
    expect(rows.filter((row) => row.state !== 'sent')).toEqual([]);
    for (const chatId of [...PRIVATE_CHATS, ...GROUPS]) {
      const delivered = api.messages(chatId).map((message) => message.message_id);
      const recorded = rows.filter((row) => row.chatId === chatId).map((row) => row.sentMessageId);
      // Every message in the chat belongs to exactly one row, in the order the rows were written.
      expect({ chatId, messages: delivered }).toEqual({ chatId, messages: recorded });
    }
  });

  it("never exceeds Telegram's limits, as the fake measured them", () => {
    const { globalPerSecond, perPrivateChatPerSecond, perGroupPerMinute } = fakeLimitsOf(FAST);
    expect(api.maxMessagesInWindow('all', 1_000)).toBeLessThanOrEqual(globalPerSecond);
    const worstPrivate = Math.max(...PRIVATE_CHATS.map((id) => api.maxMessagesInWindow(id, 1_000)));
    const worstGroup = Math.max(...GROUPS.map((id) => api.maxMessagesInWindow(id, 60_000)));
    expect(worstPrivate).toBeLessThanOrEqual(perPrivateChatPerSecond);
    expect(worstGroup).toBeLessThanOrEqual(perGroupPerMinute);
  });

  it('waits out every retry_after before calling for that chat again', () => {
    const calls = sends();
    const refused = calls.filter((call) => call.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const refusal of refused) {
      const chatId = refusal.params.chat_id;
      const retryAfter = (refusal.response as { parameters?: { retry_after?: number } }).parameters
        ?.retry_after as number;
      const next = calls.find((call) => call.params.chat_id === chatId && call.at > refusal.at);
      expect(next!.at - refusal.at).toBeGreaterThanOrEqual(retryAfter * 1000);
    }
  });
});
