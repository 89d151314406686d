// The fake Telegram Bot API that every e2e spec talks to: this spec pins down that it behaves
// like Telegram where the bot can tell (envelope, long polling, validation wording, errors), and
// that its test-facing helpers do what they say. Everything goes over real HTTP through telegraf.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Input, Markup, Telegraf, Telegram, TelegramError } from 'telegraf';
import { FakeBotApi, type Update } from '../support/fake-bot-api';

const ALICE = { id: 5001, first_name: 'Alice', username: 'alice' };
const BOB = { id: 5002, first_name: 'Bob' };
const GROUP = { id: -4001, title: 'Masters' };
const SUPERGROUP_ID = -1_000_000_004_001;

interface Envelope {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** The TelegramError a call fails with (or the spec fails if it succeeds). */
async function failure(call: Promise<unknown>): Promise<TelegramError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TelegramError) return error;
    throw error;
  }
  throw new Error('the call was expected to fail');
}

/** A local HTTP server standing in for the bot's webhook endpoint. */
async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe('fake Telegram Bot API', () => {
  let api: FakeBotApi;
  let telegram: Telegram;

  /** A raw call, for payloads telegraf's types would not let through. */
  async function call(
    method: string,
    body: unknown,
    token = api.token,
  ): Promise<{ status: number; json: Envelope }> {
    const response = await fetch(`${api.apiRoot}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Envelope };
  }

  /** Sends a message with one callback button and has `user` press it; returns the query id. */
  async function pressedButton(user = ALICE): Promise<string> {
    const sent = await telegram.sendMessage(
      user.id,
      'Pick',
      Markup.inlineKeyboard([Markup.button.callback('Go', 'go')]),
    );
    return api.userPressesButton(user, sent, 'go').callback_query!.id;
  }

  beforeEach(async () => {
    api = await FakeBotApi.start();
    telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
  });

  afterEach(() => api.stop());

  describe('with a telegraf bot in polling mode', () => {
    let bot: Telegraf;
    let running: Promise<void>;

    async function launch(configure: (bot: Telegraf) => void): Promise<void> {
      bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
      configure(bot);
      running = bot.launch();
      await api.waitFor(() => api.isPolling());
    }

    afterEach(async () => {
      bot.stop();
      await running;
    });

    it("delivers a user's text through long polling and records the bot's reply", async () => {
      await launch((bot) => bot.on('text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`)));

      api.userSendsText(ALICE, 'hello');

      const reply = await api.waitForMessage(ALICE.id, 'echo: hello');
      expect(reply).toMatchObject({
        message_id: 2, // the user's message was 1: ids are per chat and shared
        chat: { id: ALICE.id, type: 'private', first_name: 'Alice', username: 'alice' },
        from: { id: api.bot.id, is_bot: true },
        edited: false,
        deleted: false,
      });
      expect(api.messages(ALICE.id, { includeUsers: true }).map((m) => m.visibleText)).toEqual([
        'hello',
        'echo: hello',
      ]);
    });

    it('marks a /command with a bot_command entity so telegraf routes it', async () => {
      await launch((bot) =>
        bot.command('start', (ctx) => ctx.reply(`started with ${ctx.payload}`)),
      );

      const update = api.userSendsText(ALICE, '/start abc');

      expect(update.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
      await api.waitForMessage(ALICE.id, 'started with abc');
    });

    it('delivers a forwarded text with its origin, as Telegram shapes a forward', async () => {
      await launch((bot) =>
        bot.on('text', (ctx) => {
          const origin = ctx.message.forward_origin;
          return ctx.reply(`from ${origin?.type === 'user' ? origin.sender_user.first_name : '?'}`);
        }),
      );
      const client = { id: 4242, first_name: 'Ольга' };

      const update = api.userForwardsText(ALICE, 'Не сливает', {
        type: 'user',
        sender_user: client,
        date: 1_700_000_000,
      });

      await api.waitForMessage(ALICE.id, 'from Ольга');
      expect(update?.message).toMatchObject({
        from: { id: ALICE.id },
        text: 'Не сливает',
        forward_origin: {
          type: 'user',
          sender_user: { id: 4242, is_bot: false, first_name: 'Ольга' },
          date: 1_700_000_000,
        },
        forward_from: { id: 4242, first_name: 'Ольга' },
        forward_date: 1_700_000_000,
      });
      const hidden = api.userForwardsText(ALICE, 'Тоже', {
        type: 'hidden_user',
        sender_user_name: 'Олег С.',
      });
      expect(hidden?.message).toMatchObject({
        forward_origin: { type: 'hidden_user', sender_user_name: 'Олег С.' },
        forward_sender_name: 'Олег С.',
      });
      expect(hidden?.message?.forward_from).toBeUndefined();
    });

    it('delivers a button press as callback_query and records answerCallbackQuery', async () => {
      await launch((bot) => {
        bot.command('menu', (ctx) =>
          ctx.reply(
            'Order #7',
            Markup.inlineKeyboard([Markup.button.callback('Accept', 'accept:7')]),
          ),
        );
        bot.action(/^accept:(\d+)$/, async (ctx) => {
          await ctx.answerCbQuery(`Accepted #${ctx.match[1]}`);
          await ctx.editMessageText('Order #7 — accepted');
        });
      });
      api.userSendsText(ALICE, '/menu');
      const card = await api.waitForMessage(ALICE.id, 'Order #7');

      const press = api.userPressesButton(ALICE, card, 'accept:7');

      expect(press.callback_query).toMatchObject({ data: 'accept:7', from: { id: ALICE.id } });
      expect(press.callback_query?.message).toMatchObject({
        message_id: card.message_id,
        text: 'Order #7',
      });
      const answer = await api.waitFor(() => api.callbackAnswers(press.callback_query!.id)[0]);
      expect(answer).toMatchObject({ text: 'Accepted #7', show_alert: false });
      await api.waitFor(() => card.edited);
      // Like Telegram, an edit without reply_markup removes the inline keyboard.
      expect(card).toMatchObject({
        visibleText: 'Order #7 — accepted',
        reply_markup: undefined,
        editCount: 1,
      });
    });
  });

  describe('long polling', () => {
    it('holds getUpdates until its timeout instead of answering at once', async () => {
      const started = Date.now();
      while (Date.now() - started < 1_500) await telegram.getUpdates(1, 100, 0, undefined);

      // A spinning fake would have answered hundreds of polls in 1.5 s.
      expect(api.calls('getUpdates').length).toBeLessThanOrEqual(3);
    });

    it('answers a held getUpdates as soon as an update arrives', async () => {
      const started = Date.now();
      const polling = telegram.getUpdates(5, 100, 0, undefined);
      await sleep(100);

      api.userSendsText(ALICE, 'ping');

      const updates = await polling;
      expect(updates).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('forgets updates confirmed by offset but redelivers a repeated update_id', async () => {
      const first = api.userSendsText(ALICE, 'one');
      expect(await telegram.getUpdates(0, 100, 0, undefined)).toHaveLength(1);
      expect(await telegram.getUpdates(0, 100, first.update_id + 1, undefined)).toEqual([]);
      expect(api.pendingUpdates()).toEqual([]);

      api.pushUpdate(first); // the same update again, as after a crash before the offset was saved

      const again = await telegram.getUpdates(0, 100, first.update_id + 1, undefined);
      expect(again.map((update) => update.update_id)).toEqual([first.update_id]);
    });

    it('ends an older held getUpdates with 409 when a second one arrives', async () => {
      const older = failure(telegram.getUpdates(5, 100, 0, undefined));
      await sleep(100);

      await telegram.getUpdates(0, 100, 0, undefined);

      expect((await older).description).toBe(
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      );
    });
  });

  describe('the envelope', () => {
    it('answers 401 to a wrong token and 404 to an unknown method', async () => {
      expect(await call('getMe', {}, '1:wrong')).toEqual({
        status: 401,
        json: { ok: false, error_code: 401, description: 'Unauthorized' },
      });
      expect(await call('sendTelepathy', {})).toEqual({
        status: 404,
        json: { ok: false, error_code: 404, description: 'Not Found: method not found' },
      });
    });

    it('reads urlencoded and multipart bodies and parses their JSON-encoded fields', async () => {
      const keyboard = JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] });
      await fetch(`${api.apiRoot}/bot${api.token}/sendMessage`, {
        method: 'POST',
        body: new URLSearchParams({
          chat_id: String(ALICE.id),
          text: 'urlencoded',
          reply_markup: keyboard,
        }),
      });
      const form = new FormData();
      form.set('chat_id', String(ALICE.id));
      form.set('text', 'multipart');
      form.set('reply_markup', keyboard);
      await fetch(`${api.apiRoot}/bot${api.token}/sendMessage`, { method: 'POST', body: form });

      const [urlencoded, multipart] = api.messages(ALICE.id);
      expect(urlencoded).toMatchObject({ text: 'urlencoded', reply_markup: JSON.parse(keyboard) });
      expect(multipart).toMatchObject({ text: 'multipart', reply_markup: JSON.parse(keyboard) });
      expect(api.calls('sendMessage')[0].params).toMatchObject({
        chat_id: ALICE.id,
        reply_markup: JSON.parse(keyboard),
      });
    });
  });

  describe('validation', () => {
    it('accepts 4096 characters of text and refuses 4097 with "message is too long"', async () => {
      await telegram.sendMessage(ALICE.id, 'я'.repeat(4096));

      const error = await failure(telegram.sendMessage(ALICE.id, 'я'.repeat(4097)));
      expect(error.response).toEqual({
        ok: false,
        error_code: 400,
        description: 'Bad Request: message is too long',
      });
    });

    it('counts the visible text of HTML, not its tags and entities', async () => {
      const sent = await telegram.sendMessage(ALICE.id, `<b>${'x'.repeat(4094)}</b>&lt;&amp;`, {
        parse_mode: 'HTML',
      });

      expect(sent.text).toHaveLength(4096);
      expect(sent.entities).toEqual([{ type: 'bold', offset: 0, length: 4094 }]);
    });

    it('refuses empty text', async () => {
      expect((await failure(telegram.sendMessage(ALICE.id, '  '))).description).toBe(
        'Bad Request: message text is empty',
      );
    });

    it('accepts 64 bytes of callback data and refuses 65, counting bytes not characters', async () => {
      const button = (data: string) => Markup.inlineKeyboard([Markup.button.callback('Go', data)]);
      await telegram.sendMessage(ALICE.id, 'ok', button('я'.repeat(32)));

      const error = await failure(
        telegram.sendMessage(ALICE.id, 'too long', button(`${'я'.repeat(32)}x`)),
      );
      expect(error.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    });

    it('answers a callback with 200 characters, refuses 201 and refuses a second answer', async () => {
      const first = await pressedButton();
      const second = await pressedButton();

      await telegram.answerCbQuery(first, 'я'.repeat(200), { show_alert: true });

      expect((await failure(telegram.answerCbQuery(second, 'я'.repeat(201)))).description).toBe(
        'Bad Request: MESSAGE_TOO_LONG',
      );
      expect((await failure(telegram.answerCbQuery(first, 'again'))).description).toBe(
        'Bad Request: query is too old and response timeout expired or query ID is invalid',
      );
      expect(api.callbackAnswers()).toEqual([
        expect.objectContaining({ callback_query_id: first, show_alert: true }),
      ]);
    });

    it('accepts the HTML Telegram supports and reports its entities', async () => {
      const sent = await telegram.sendMessage(
        ALICE.id,
        '<b>Order</b> <a href="https://x.test/?a=1&amp;b=2">link</a> <tg-spoiler>s</tg-spoiler> 5 > 3 <pre><code class="language-ts">x</code></pre>',
        { parse_mode: 'HTML' },
      );

      expect(sent.text).toBe('Order link s 5 > 3 x');
      expect(sent.entities).toEqual([
        { type: 'bold', offset: 0, length: 5 },
        { type: 'text_link', offset: 6, length: 4, url: 'https://x.test/?a=1&b=2' },
        { type: 'spoiler', offset: 11, length: 1 },
        { type: 'pre', offset: 19, length: 1, language: 'ts' },
      ]);
    });

    it.each([
      ['line<br>break', 'Unsupported start tag "br" at byte offset 4'],
      ['<b>bold', 'Can\'t find end tag corresponding to start tag "b"'],
      ['<b>x</i>', 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'],
      ['x</b>', 'Unexpected end tag at byte offset 1'],
      ['a < b', 'Unsupported start tag "" at byte offset 2'],
      [
        'Tom & Jerry',
        'Character "&" at byte offset 4 is not part of an HTML entity; escape it as "&amp;"',
      ],
      ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ])('refuses the HTML %j with "can\'t parse entities"', async (text, reason) => {
      const error = await failure(telegram.sendMessage(ALICE.id, text, { parse_mode: 'HTML' }));

      expect(error.description).toBe(`Bad Request: can't parse entities: ${reason}`);
    });

    it.each([
      [
        { inline_keyboard: [{ text: 'A', callback_data: 'a' }] },
        'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
      ],
      [
        { inline_keyboard: [[{ text: 'A' }]] },
        "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
      ],
      [
        { inline_keyboard: [[{ callback_data: 'a' }]] },
        'can\'t parse inline keyboard button: Can\'t find field "text"',
      ],
      [
        { inline_keyboard: [[{ text: 'A', callback_data: 'a', url: 'https://x.test' }]] },
        "can't parse inline keyboard button: exactly one of the optional fields must be used, found callback_data, url",
      ],
      [
        { keyboard: 'Yes' },
        'field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays',
      ],
      [
        { keyboard: [[{ text: 'Pick', request_chat: { request_id: 1 } }]] },
        'can\'t parse keyboard button: Can\'t find field "chat_is_channel"',
      ],
      [
        {
          keyboard: [[{ text: 'Pick', request_chat: { request_id: 'x', chat_is_channel: false } }]],
        },
        'can\'t parse keyboard button: Field "request_id" must be of type Number',
      ],
      ['{"inline_keyboard": [[', "can't parse reply keyboard markup JSON object"],
    ])('refuses the reply_markup %j', async (markup, reason) => {
      expect(
        await call('sendMessage', { chat_id: ALICE.id, text: 'x', reply_markup: markup }),
      ).toEqual({
        status: 400,
        json: { ok: false, error_code: 400, description: `Bad Request: ${reason}` },
      });
    });

    it('takes a request_chat keyboard and delivers the chat the user shares', async () => {
      await call('sendMessage', {
        chat_id: ALICE.id,
        text: 'Which group?',
        reply_markup: {
          keyboard: [[{ text: 'Pick', request_chat: { request_id: 7, chat_is_channel: false } }]],
          one_time_keyboard: true,
        },
      });

      const update = api.userSharesChat(ALICE, 7, GROUP.id);

      expect(api.lastMessage(ALICE.id)?.reply_markup).toMatchObject({
        keyboard: [[{ request_chat: { request_id: 7 } }]],
      });
      expect(update.message).toMatchObject({
        chat: { id: ALICE.id },
        chat_shared: { request_id: 7, chat_id: GROUP.id },
      });
    });

    it('refuses an edit that changes nothing with "message is not modified"', async () => {
      const keyboard = Markup.inlineKeyboard([Markup.button.callback('Go', 'go')]);
      const sent = await telegram.sendMessage(ALICE.id, '<b>Card</b>', {
        parse_mode: 'HTML',
        ...keyboard,
      });

      const error = await failure(
        telegram.editMessageText(ALICE.id, sent.message_id, undefined, '<b>Card</b>', {
          parse_mode: 'HTML',
          ...keyboard,
        }),
      );
      expect(error.description).toMatch(/^Bad Request: message is not modified: /);
      expect(
        (
          await failure(
            telegram.editMessageReplyMarkup(
              ALICE.id,
              sent.message_id,
              undefined,
              keyboard.reply_markup,
            ),
          )
        ).description,
      ).toMatch(/^Bad Request: message is not modified/);

      // Bold to plain is a change, even with the same letters.
      await telegram.editMessageText(ALICE.id, sent.message_id, undefined, 'Card', keyboard);
      expect(api.lastMessage(ALICE.id)).toMatchObject({
        visibleText: 'Card',
        entities: undefined,
        editCount: 1,
      });
    });

    it('refuses to edit or delete a message that does not exist', async () => {
      const sent = await telegram.sendMessage(ALICE.id, 'bye');
      await telegram.deleteMessage(ALICE.id, sent.message_id);

      expect((await failure(telegram.deleteMessage(ALICE.id, sent.message_id))).description).toBe(
        'Bad Request: message to delete not found',
      );
      expect(
        (await failure(telegram.editMessageText(ALICE.id, 999, undefined, 'x'))).description,
      ).toBe('Bad Request: message to edit not found');
      expect(api.lastMessage(ALICE.id)).toMatchObject({ deleted: true, text: 'bye' });
    });

    it('takes known chat actions and refuses unknown ones', async () => {
      await telegram.sendChatAction(ALICE.id, 'typing');

      const error = await failure(
        telegram.callApi('sendChatAction', { chat_id: ALICE.id, action: 'dancing' as 'typing' }),
      );
      expect(error.description).toBe('Bad Request: wrong parameter action in request');
    });
  });

  describe('chats', () => {
    it('answers 403 to a user who blocked the bot, and 200 again once unblocked', async () => {
      const blocked = api.userBlocksBot(ALICE.id);

      expect(blocked.my_chat_member?.new_chat_member.status).toBe('kicked');
      expect(await failure(telegram.sendMessage(ALICE.id, 'hi'))).toMatchObject({
        code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      api.userUnblocksBot(ALICE.id);
      await telegram.sendMessage(ALICE.id, 'hi');
    });

    it('knows which groups the bot is in and answers 403 after it was removed', async () => {
      expect((await failure(telegram.sendMessage(GROUP.id, 'hi'))).description).toBe(
        'Bad Request: chat not found',
      );
      expect((await telegram.getChatMember(GROUP.id, api.bot.id)).status).toBe('left');

      const [joined, serviceMessage] = api.botAddedToGroup(GROUP, { asAdmin: true });
      expect(joined.my_chat_member?.new_chat_member.status).toBe('administrator');
      expect(serviceMessage.message?.new_chat_members).toEqual([api.bot]);
      expect((await telegram.getChat(GROUP.id)).type).toBe('group');
      expect((await telegram.getChatMember(GROUP.id, api.bot.id)).status).toBe('administrator');
      await telegram.sendMessage(GROUP.id, 'hello, masters');

      api.botRemovedFromGroup(GROUP.id);
      expect((await failure(telegram.sendMessage(GROUP.id, 'hi'))).description).toBe(
        'Forbidden: bot was kicked from the group chat',
      );
      expect((await telegram.getChatMember(GROUP.id, api.bot.id)).status).toBe('kicked');
    });

    it('answers 400 with migrate_to_chat_id for a group that became a supergroup', async () => {
      api.botAddedToGroup(GROUP);

      const [leaving, arriving] = api.migrateGroup(GROUP.id, SUPERGROUP_ID);

      expect(leaving.message).toMatchObject({
        chat: { id: GROUP.id },
        migrate_to_chat_id: SUPERGROUP_ID,
      });
      expect(arriving.message).toMatchObject({
        chat: { id: SUPERGROUP_ID, type: 'supergroup' },
        migrate_from_chat_id: GROUP.id,
      });
      const error = await failure(telegram.sendMessage(GROUP.id, 'hi'));
      expect(error.response).toEqual({
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: SUPERGROUP_ID },
      });
      const sent = await telegram.sendMessage(SUPERGROUP_ID, 'hi');
      expect(sent.chat).toEqual({ id: SUPERGROUP_ID, type: 'supergroup', title: 'Masters' });
    });
  });

  describe('privacy mode', () => {
    const delivered = (text: string) =>
      api.pendingUpdates().some((update) => update.message?.text === text);

    it('keeps plain group text from the bot but stores it; commands and replies to the bot arrive', async () => {
      api.botAddedToGroup(GROUP);
      const question = await telegram.sendMessage(GROUP.id, 'How much?', {
        reply_markup: { force_reply: true, selective: true },
      });

      expect(api.userSendsText(ALICE, 'hello, all', GROUP.id)).toBeUndefined();
      expect(api.userSendsText(ALICE, '/start@other_bot', GROUP.id)).toBeUndefined();
      expect(api.userSendsText(ALICE, '/start', GROUP.id)).toBeDefined();
      expect(api.userSendsText(ALICE, `/cancel@${api.bot.username}`, GROUP.id)).toBeDefined();
      const reply = api.userRepliesTo(ALICE, question, '5000');
      const own = api.messages(GROUP.id, { includeUsers: true }).find((m) => m.text === '/start')!;
      expect(api.userRepliesTo(BOB, own, 'me too')).toBeUndefined();

      expect(reply?.message).toMatchObject({
        text: '5000',
        from: { id: ALICE.id },
        reply_to_message: { message_id: question.message_id, text: 'How much?' },
      });
      expect(delivered('hello, all')).toBe(false);
      expect(delivered('5000')).toBe(true);
      expect(api.messages(GROUP.id, { includeUsers: true }).map((m) => m.visibleText)).toContain(
        'hello, all',
      );
      expect(api.userSendsText(ALICE, 'hello, bot')).toBeDefined();
    });

    it('delivers everything in a group where the bot is an administrator', () => {
      api.botAddedToGroup(GROUP, { asAdmin: true });

      expect(api.userSendsText(ALICE, 'hello, all', GROUP.id)).toBeDefined();
    });

    it('reports the mode in getMe, and a change applies to groups the bot joins afterwards', async () => {
      expect(await telegram.getMe()).toMatchObject({
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      });
      api.botAddedToGroup(GROUP);

      api.setPrivacyMode(false);

      expect((await telegram.getMe()).can_read_all_group_messages).toBe(true);
      expect(api.userSendsText(ALICE, 'before re-adding', GROUP.id)).toBeUndefined();
      api.botAddedToGroup(GROUP);
      expect(api.userSendsText(ALICE, 'after re-adding', GROUP.id)).toBeDefined();
    });

    it('can start with privacy mode off', async () => {
      const open = await FakeBotApi.start({ privacyMode: false });
      try {
        open.botAddedToGroup(GROUP);
        expect(open.userSendsText(ALICE, 'hello, all', GROUP.id)).toBeDefined();
        const me = await new Telegram(open.token, { apiRoot: open.apiRoot }).getMe();
        expect(me.can_read_all_group_messages).toBe(true);
      } finally {
        await open.stop();
      }
    });
  });

  describe('documents and commands', () => {
    it('records the file name, size and bytes of a sendDocument upload', async () => {
      const bytes = Buffer.from('order;total\n7;5000\n');
      const sent = await telegram.sendDocument(ALICE.id, Input.fromBuffer(bytes, 'report.csv'), {
        caption: '<b>Daily report</b>',
        parse_mode: 'HTML',
        ...Markup.inlineKeyboard([Markup.button.callback('Again', 'report')]),
      });

      expect(sent.document).toMatchObject({
        file_name: 'report.csv',
        mime_type: 'text/csv',
        file_size: bytes.length,
      });
      const stored = api.lastMessage(ALICE.id);
      expect(stored?.document?.bytes.equals(bytes)).toBe(true);
      expect(stored).toMatchObject({
        visibleCaption: 'Daily report',
        reply_markup: { inline_keyboard: [[{ callback_data: 'report' }]] },
      });

      const again = await telegram.sendDocument(BOB.id, sent.document.file_id);
      expect(again.document.file_unique_id).toBe(sent.document.file_unique_id);
    });

    it('refuses a caption over 1024 characters', async () => {
      const error = await failure(
        telegram.sendDocument(ALICE.id, Input.fromBuffer(Buffer.from('x'), 'x.txt'), {
          caption: 'я'.repeat(1025),
        }),
      );

      expect(error.description).toBe('Bad Request: message caption is too long');
    });

    it('keeps commands per scope and language', async () => {
      await telegram.setMyCommands([{ command: 'start', description: 'Start' }]);
      await telegram.setMyCommands([{ command: 'report', description: 'Report' }], {
        scope: { type: 'chat', chat_id: 1001 },
      });
      await telegram.setMyCommands([{ command: 'start', description: 'Начать' }], {
        language_code: 'ru',
      });

      expect(api.commands()).toEqual([{ command: 'start', description: 'Start' }]);
      expect(api.commands({ type: 'chat', chat_id: 1001 })).toEqual([
        { command: 'report', description: 'Report' },
      ]);
      expect(await telegram.getMyCommands({ language_code: 'ru' })).toEqual([
        { command: 'start', description: 'Начать' },
      ]);
      await telegram.deleteMyCommands({ scope: { type: 'chat', chat_id: 1001 } });
      expect(await telegram.getMyCommands({ scope: { type: 'chat', chat_id: 1001 } })).toEqual([]);
      expect(
        (await failure(telegram.setMyCommands([{ command: 'Start!', description: 'x' }])))
          .description,
      ).toBe('Bad Request: BOT_COMMAND_INVALID');
    });
  });

  describe('webhook mode', () => {
    it('POSTs each update with the secret header and refuses getUpdates with 409', async () => {
      const received: { headers: IncomingHttpHeaders; update: Update }[] = [];
      const { server, url } = await listen((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          received.push({ headers: request.headers, update: JSON.parse(body) as Update });
          // A method in the answer runs as a call, as telegraf's webhookReply expects.
          response.setHeader('content-type', 'application/json');
          response.end(
            JSON.stringify({
              method: 'sendMessage',
              chat_id: ALICE.id,
              text: 'answered in the webhook reply',
            }),
          );
        });
      });
      try {
        await telegram.setWebhook(url, { secret_token: 's3cret' });

        const sent = api.userSendsText(ALICE, 'hi');

        await api.waitForMessage(ALICE.id, 'answered in the webhook reply');
        expect(received).toEqual([
          {
            headers: expect.objectContaining({ 'x-telegram-bot-api-secret-token': 's3cret' }),
            update: sent,
          },
        ]);
        expect(api.calls('sendMessage')[0].via).toBe('webhook-reply');
        expect(await telegram.getWebhookInfo()).toMatchObject({ url, pending_update_count: 0 });
        expect((await failure(telegram.getUpdates(0, 100, 0, undefined))).code).toBe(409);
      } finally {
        await close(server);
      }
    });

    it('retries an update until the webhook accepts it, and drives a telegraf webhook bot', async () => {
      const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
      bot.on('text', (ctx) => ctx.reply(`webhook echo: ${ctx.message.text}`));
      const callback = bot.webhookCallback('/hook', { secretToken: 's3cret' });
      let attempts = 0;
      const { server, url } = await listen((request, response) => {
        if (++attempts === 1) {
          response.statusCode = 500;
          response.end();
          return;
        }
        void callback(request, response);
      });
      try {
        await telegram.setWebhook(url, { secret_token: 's3cret' });

        api.userSendsText(ALICE, 'hi');

        await api.waitForMessage(ALICE.id, 'webhook echo: hi');
        expect(attempts).toBe(2);
        expect(api.webhookInfo()).toMatchObject({
          last_error_message: 'Wrong response from the webhook: 500 Internal Server Error',
        });
      } finally {
        await close(server);
      }
    });
    it('POSTs up to max_connections updates at once, and retries a refused one alone', async () => {
      let open = 0;
      let most = 0;
      const attempts = new Map<number, number>();
      const { server, url } = await listen((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const { update_id: id } = JSON.parse(body) as Update;
          attempts.set(id, (attempts.get(id) ?? 0) + 1);
          most = Math.max(most, ++open);
          setTimeout(() => {
            open--;
            // The first update is refused once: a replica answering 503 for a copy in hand.
            response.statusCode = id === first.update_id && attempts.get(id) === 1 ? 503 : 200;
            response.end();
          }, 100);
        });
      });
      const first = api.userSendsText(ALICE, 'one');
      try {
        for (const text of ['two', 'three', 'four', 'five', 'six']) api.userSendsText(ALICE, text);
        await telegram.setWebhook(url, { max_connections: 3 });

        await api.waitFor(() => api.webhookInfo().pending_update_count === 0);
        expect(most).toBe(3);
        expect([...attempts.values()].sort()).toEqual([1, 1, 1, 1, 1, 2]);
        expect(attempts.get(first.update_id)).toBe(2);
      } finally {
        await close(server);
      }
    });
  });

  describe('faults', () => {
    it('injects a 429 carrying retry_after, once', async () => {
      api.injectFault({ method: 'sendMessage', times: 1, fault: { code: 429, retryAfter: 3 } });

      const error = await failure(telegram.sendMessage(ALICE.id, 'hi'));

      expect(error.response).toEqual({
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      });
      await telegram.sendMessage(ALICE.id, 'hi');
      expect(api.messages(ALICE.id)).toHaveLength(1);
    });

    it('injects 500 and 403 only for the chosen chat, until removed', async () => {
      const remove = api.injectFault({ chatId: ALICE.id, fault: { code: 500 } });
      api.injectFault({ chatId: BOB.id, fault: { code: 403 } });

      expect(await failure(telegram.sendMessage(ALICE.id, 'hi'))).toMatchObject({ code: 500 });
      expect(await failure(telegram.sendMessage(BOB.id, 'hi'))).toMatchObject({
        code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      remove();
      await telegram.sendMessage(ALICE.id, 'hi');
      api.clearFaults();
      await telegram.sendMessage(BOB.id, 'hi');
    });

    it('answers late on a hang fault, after the call has taken effect', async () => {
      api.injectFault({ method: 'sendMessage', fault: { hangMs: 400 } });

      const timedOut = fetch(`${api.apiRoot}/bot${api.token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: ALICE.id, text: 'slow' }),
        signal: AbortSignal.timeout(100),
      });

      await expect(timedOut).rejects.toThrow();
      // The message went out although the client gave up: a retry would duplicate it.
      expect(api.lastMessage(ALICE.id)?.text).toBe('slow');
    });

    it('repeats the same failure pattern for the same seed', async () => {
      async function pattern(seed: number): Promise<string> {
        const fake = await FakeBotApi.start({ seed });
        const client = new Telegram(fake.token, { apiRoot: fake.apiRoot });
        fake.injectFault({ method: 'sendMessage', probability: 0.5, fault: { code: 502 } });
        let outcomes = '';
        for (let i = 0; i < 16; i++) {
          outcomes += await client.sendMessage(ALICE.id, `#${i}`).then(
            () => '.',
            () => 'x',
          );
        }
        await fake.stop();
        return outcomes;
      }

      const first = await pattern(7);

      expect(await pattern(7)).toBe(first);
      expect(first).toMatch(/x/);
      expect(first).toMatch(/\./);
      expect(await pattern(8)).not.toBe(first);
    });
  });

  describe('the helpers', () => {
    it('explain a failed wait with what the bot sent and the latest calls', async () => {
      await telegram.sendMessage(ALICE.id, 'Hello');

      await expect(api.waitForMessage(ALICE.id, 'Goodbye', 100)).rejects.toThrow(
        /Waited 100 ms in vain\.[\s\S]*#1: Hello[\s\S]*sendMessage chat 5001 → ok/,
      );
    });

    it('refuse a press on a button the message does not show, unless forged', async () => {
      const sent = await telegram.sendMessage(ALICE.id, 'No buttons');

      expect(() => api.userPressesButton(ALICE, sent, 'admin:drop')).toThrow(/has no button/);
      const forged = api.userPressesButton(ALICE, sent, 'admin:drop', { forged: true });
      expect(forged.callback_query?.data).toBe('admin:drop');
    });

    it('forget everything on reset but keep serving on the same address', async () => {
      await telegram.sendMessage(ALICE.id, 'before');
      api.injectFault({ fault: { code: 500 } });

      api.reset();

      expect(api.calls()).toEqual([]);
      expect(api.messages(ALICE.id)).toEqual([]);
      await telegram.sendMessage(ALICE.id, 'after');
      expect(api.lastMessage(ALICE.id)).toMatchObject({ message_id: 1, text: 'after' });
    });
  });

  describe('rate limits', () => {
    let limited: FakeBotApi;
    let client: Telegram;

    beforeEach(async () => {
      limited = await FakeBotApi.start({
        enforceRateLimits: true,
        limits: { perPrivateChatPerSecond: 2, perGroupPerMinute: 3, globalPerSecond: 5 },
      });
      client = new Telegram(limited.token, { apiRoot: limited.apiRoot });
    });

    afterEach(() => limited.stop());

    it('lets a burst through when limits are not enforced, and measures it', async () => {
      for (let i = 0; i < 5; i++) await telegram.sendMessage(ALICE.id, `#${i}`);

      expect(api.maxMessagesInWindow(ALICE.id, 1_000)).toBe(5);
    });

    it('answers 429 past the per-private-chat limit', async () => {
      await client.sendMessage(ALICE.id, '1');
      await client.sendMessage(ALICE.id, '2');

      const error = await failure(client.sendMessage(ALICE.id, '3'));

      expect(error.response).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
      expect(limited.maxMessagesInWindow(ALICE.id, 1_000)).toBe(2);
    });

    it('answers 429 past the per-group limit, with retry_after up to a minute', async () => {
      limited.botAddedToGroup(GROUP);
      for (let i = 0; i < 3; i++) await client.sendMessage(GROUP.id, `#${i}`);

      const error = await failure(client.sendMessage(GROUP.id, 'one too many'));

      expect(error.parameters?.retry_after).toBeGreaterThan(55);
      expect(error.parameters?.retry_after).toBeLessThanOrEqual(60);
    });

    it('answers 429 past the global limit across chats', async () => {
      for (let id = 1; id <= 5; id++) await client.sendMessage(id, 'hi');

      expect(await failure(client.sendMessage(6, 'hi'))).toMatchObject({ code: 429 });
      expect(limited.maxMessagesInWindow('all', 1_000)).toBe(5);
    });
  });
});
