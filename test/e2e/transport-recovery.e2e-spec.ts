import { startBotApp } from '../support/bot-app';
import { freePort } from '../support/service-process';
import { TelegramUser } from '../support/telegram-user';

interface TelegramHealth {
  ok: boolean;
  transport: string;
  lastError?: string;
}

/** Start-up calls to Telegram are retried with capped backoff until it answers (issue 19, item 10). */
describe('the transport heals itself', () => {
  let port: number;

  const health = async (): Promise<TelegramHealth> => {
    const body = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      components: { telegram: TelegramHealth };
    };
    return body.components.telegram;
  };

  beforeEach(async () => (port = await freePort()));
  afterEach(() => {
    delete process.env.WEBHOOK_URL;
    delete process.env.WEBHOOK_SECRET;
  });

  it('starts polling once getMe stops failing with 5xx, reporting "starting" meanwhile', async () => {
    let heal = () => {};
    const bot = await startBotApp({ HTTP_PORT: String(port) }, (api) => {
      heal = api.injectFault({ method: 'getMe', fault: { code: 502 } });
    });
    try {
      expect(await health()).toMatchObject({
        ok: false,
        transport: 'starting',
        lastError: expect.stringContaining('Bad Gateway'),
      });
      heal();
      await bot.api.waitFor(() => bot.api.isPolling(), 30_000);
      expect(await health()).toMatchObject({ ok: true, transport: 'polling' });
      const guest = new TelegramUser(bot.api, { id: 19_101, first_name: 'Гость' });
      guest.say('/start');
      await guest.expect('Здравствуйте');
    } finally {
      await bot.close();
    }
  }, 60_000);

  it('registers the webhook once setWebhook and setMyCommands stop failing', async () => {
    const heal: (() => void)[] = [];
    const bot = await startBotApp(
      {
        HTTP_PORT: String(port),
        WEBHOOK_URL: `http://127.0.0.1:${port}`,
        WEBHOOK_SECRET: 'hook-secret_2',
      },
      (api) => {
        heal.push(
          api.injectFault({
            method: 'setMyCommands',
            times: 1,
            fault: { code: 400, description: 'Bad Request: commands are down' },
          }),
          api.injectFault({
            method: 'setWebhook',
            fault: { code: 400, description: 'Bad Request: bad webhook: network blip' },
          }),
        );
      },
    );
    try {
      await bot.api.waitFor(() => bot.api.calls('setWebhook').length >= 2, 10_000);
      expect(await health()).toMatchObject({
        ok: false,
        transport: 'starting',
        lastError: expect.stringContaining('network blip'),
      });
      heal.forEach((h) => h());
      await bot.api.waitFor(
        () => bot.api.webhookInfo().url === `http://127.0.0.1:${port}/telegram/webhook`,
        15_000,
      );
      expect(await health()).toMatchObject({ ok: true, transport: 'webhook' });
      expect(bot.api.commands()).not.toEqual([]);
      const guest = new TelegramUser(bot.api, { id: 19_102, first_name: 'Гость' });
      guest.say('/start');
      await guest.expect('Здравствуйте');
    } finally {
      await bot.close();
    }
  }, 60_000);

  it('stops retrying promptly on shutdown', async () => {
    const bot = await startBotApp({ HTTP_PORT: String(port) }, (api) => {
      api.injectFault({ method: 'getMe', fault: { code: 400, description: 'Bad Request: down' } });
    });
    await bot.api.waitFor(() => bot.api.calls('getMe').length >= 2, 10_000);
    const startedAt = Date.now();
    await bot.app.close();
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    const attempts = bot.api.calls('getMe').length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(bot.api.calls('getMe')).toHaveLength(attempts);
    await bot.api.stop();
  }, 30_000);
});
