import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { FakeBotApi, StoredMessage } from '../support/fake-bot-api';
import { ServiceProcess, startService } from '../support/service-process';
import { buttonsOf, TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';

/** What the dispatcher answers to each question of the creation dialog. */
const ANSWERS: { asks: string; say?: string; press?: string }[] = [
  { asks: 'Шаг 1/7', press: 'Холодильники' },
  { asks: 'Шаг 2/7', say: 'Не морозит морозилка' },
  { asks: 'Шаг 3/7', say: 'ул. Ленина, д. 5, кв. 12' },
  { asks: 'Шаг 4/7', say: 'Анна' },
  // Asked after a pasted client's message without a name: the same step, unnumbered.
  { asks: 'Введите имя клиента', say: 'Анна' },
  { asks: 'Шаг 5/7', say: '8 900 111-22-33' },
  { asks: 'Шаг 6/7', press: '⏭️ Пропустить' },
  { asks: 'Шаг 7/7', press: '⏭️ Пропустить' },
  { asks: 'Проверьте данные', press: '✅ Подтвердить' },
];
const CREATED = /✅ Заявка #(\d+) успешно создана!/;

// Where `CRASH_AT` kills the service: as each question is about to be asked (the answer
// before it taken, nothing sent), and on either side of the order's write.
const CRASH_POINTS = [
  'create_order:problem',
  'create_order:address',
  'create_order:name',
  'create_order:phone',
  'create_order:notes',
  'create_order:arrival',
  'create_order:confirm',
  'before_order_insert',
  'after_order_insert',
];

/** A client's message pasted to the bot: the dialog opens pre-filled and asks only the name. */
const PASTE = 'х/к не морозит, ул. Ленина 5 кв 12, +7 900 111-22-33';
const PASTE_CRASH_POINTS = [
  'create_order:name',
  'create_order:confirm',
  'before_order_insert',
  'after_order_insert',
];

describe('the service killed during the creation dialog', () => {
  it.each([
    ...CRASH_POINTS.map((point) => ({ point, start: '➕ Создать заявку' })),
    ...PASTE_CRASH_POINTS.map((point) => ({ point, start: PASTE })),
  ])(
    'at $point (started with «$start»): after a restart the dispatcher is told about exactly one order',
    async ({ point, start }) => {
      const dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-crash-'));
      const api = await FakeBotApi.start();
      const env = {
        BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        DATABASE_PATH: join(dir, 'bot.db'),
        LOG_DIR: join(dir, 'logs'),
        ADMIN_IDS: String(TEST_ADMIN_ID),
        DISPATCHER_IDS: String(TEST_DISPATCHER_ID),
        TZ: 'Europe/Moscow',
        FLOOD_BURST: '1000',
      };
      const dispatcher = new TelegramUser(api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
      let service: ServiceProcess = startService({ ...env, CRASH_AT: point }, dir);
      try {
        await api.waitFor(() => api.isPolling(), 30_000);
        dispatcher.say(start);
        // Answer question after question until the crash point kills the service.
        const killed = await answerUntil(api, dispatcher, service);
        expect(killed).toBe(true);
        expect(await service.exited).toMatchObject({ signal: 'SIGKILL' });

        service = startService(env, dir);
        // The cut-short update first: what it asks is the question to answer next.
        await api.waitFor(() => api.isPolling() && api.pendingUpdates().length === 0, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        // Telegram delivers the cut-short update again; the dialog goes on from where it was.
        if (point.endsWith('_order_insert')) {
          // The press of «✅ Подтвердить» itself is answered: nobody has to do anything more.
          await api.waitFor(() => newestAfter(api, dispatcher.id, 0, CREATED), 15_000);
        } else {
          expect(await answerUntil(api, dispatcher, service)).toBe(false);
        }
        const created = api.messages(dispatcher.id).filter((m) => CREATED.test(m.text ?? ''));
        expect(created).toHaveLength(1);
        service.child.kill('SIGTERM');
        await service.exited;

        const ds = await new DataSource({
          ...dataSourceOptions({ DATABASE_PATH: env.DATABASE_PATH }),
        }).initialize();
        const orders: { id: number }[] = await ds.query(`SELECT id FROM orders`);
        await ds.destroy();
        expect(orders.map((o) => o.id)).toEqual([Number(CREATED.exec(created[0].text ?? '')?.[1])]);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- service output ---\n${service.output()}`);
      } finally {
        if (service.child.exitCode === null && service.child.signalCode === null) {
          service.child.kill('SIGKILL');
        }
        await api.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

/**
 * Answers the newest question until the order is reported (false) or the service dies (true).
 */
async function answerUntil(
  api: FakeBotApi,
  dispatcher: TelegramUser,
  service: ServiceProcess,
): Promise<boolean> {
  let answered = 0;
  const dead = service.exited.then(() => 'dead' as const);
  for (;;) {
    const next = api
      .waitFor(() => newestAfter(api, dispatcher.id, answered), 30_000)
      .then((message) => message);
    const seen = await Promise.race([next, dead]);
    if (seen === 'dead') return true;
    if (CREATED.test(seen.text ?? '')) return false;
    answered = seen.message_id;
    const answer = ANSWERS.find((a) => seen.text?.includes(a.asks));
    if (!answer) continue;
    if (answer.say) dispatcher.say(answer.say);
    else dispatcher.pressOn(seen, answer.press as string);
  }
}

/** The newest bot message after `after` that asks a dialog question or reports the order. */
function newestAfter(
  api: FakeBotApi,
  chatId: number,
  after: number,
  only?: RegExp,
): StoredMessage | undefined {
  return api
    .messages(chatId)
    .filter((m) => m.message_id > after && !m.deleted)
    .filter((m) => !only || only.test(m.text ?? ''))
    .filter(
      (m) =>
        CREATED.test(m.text ?? '') ||
        ANSWERS.some(
          (a) =>
            m.text?.includes(a.asks) && (!a.press || buttonsOf(m).some((b) => b.text === a.press)),
        ),
    )
    .at(-1);
}
