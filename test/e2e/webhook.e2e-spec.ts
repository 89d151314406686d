import { BotApp, startBotApp } from '../support/bot-app';
import { freePort } from '../support/service-process';
import { TelegramUser } from '../support/telegram-user';

describe('webhook mode', () => {
  let bot: BotApp;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    bot = await startBotApp({
      HTTP_PORT: String(port),
      WEBHOOK_URL: `http://127.0.0.1:${port}`,
      WEBHOOK_SECRET: 'hook-secret_1',
    });
  });

  afterAll(async () => {
    await bot.close();
    delete process.env.WEBHOOK_URL;
    delete process.env.WEBHOOK_SECRET;
  });

  it('registers the webhook with its secret and answers people through it', async () => {
    expect(bot.api.webhookInfo()).toMatchObject({
      url: `http://127.0.0.1:${port}/telegram/webhook`,
    });
    const guest = new TelegramUser(bot.api, { id: 9100, first_name: 'Гость' });
    guest.say('/start');
    await guest.expect('Здравствуйте');
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      components: Record<string, unknown>;
    };
    expect(health.components.telegram).toMatchObject({ ok: true, transport: 'webhook' });
  });

  it('rejects a request without the right secret header', async () => {
    const update = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '/start' },
    };
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(403);
    expect(bot.api.calls('sendMessage').filter((c) => Number(c.params.chat_id) === 1)).toHaveLength(
      0,
    );
  });
});
