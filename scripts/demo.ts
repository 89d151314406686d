// npm run demo — no token, no network: the service on a temporary SQLite file and the
// built-in fake Bot API, playing one full journey and printing it as a chat transcript; then
// the next order made from a client's forwarded message in two actions.
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBotApi } from '../test/support/fake-bot-api';
import { TelegramUser } from '../test/support/telegram-user';
import { reasonText } from '../src/texts/ru/reasons';

const ADMIN = { id: 1001, first_name: 'Анна', last_name: 'Админова' };
const DISPATCHER = { id: 2001, first_name: 'Дарья', last_name: 'Диспетчерова' };
const MASTER = { id: 3001, first_name: 'Иван', last_name: 'Мастеров' };
const WORK_GROUP = {
  id: -1001234567890,
  title: 'Иван — рабочая группа',
  type: 'supergroup' as const,
};

interface Line {
  at: number;
  text: string;
}

async function main() {
  const api = await FakeBotApi.start();
  const dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-demo-'));
  Object.assign(process.env, {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(dir, 'demo.db'),
    LOG_DIR: join(dir, 'logs'),
    LOG_LEVEL: 'error',
    ADMIN_IDS: String(ADMIN.id),
    DISPATCHER_IDS: String(DISPATCHER.id),
    FLOOD_BURST: '100',
  });
  // Imported here: the configuration is read when the module is built.
  const { AppModule } = await import('../src/app.module');
  const app = await NestFactory.create(AppModule.forRoot(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');

  const names = new Map<number, string>([
    [ADMIN.id, 'Админ'],
    [DISPATCHER.id, 'Диспетчер'],
    [MASTER.id, 'Мастер'],
    [WORK_GROUP.id, 'Рабочая группа'],
  ]);
  const lines: Line[] = [];
  // Half a millisecond later: a person answers after the question that arrived in the same ms.
  const said = (who: number, what: string, chat = who) =>
    lines.push({
      at: Date.now() + 0.5,
      text: `👤 ${names.get(who)}${chat !== who ? ` (в «${names.get(chat)}»)` : ''}: ${what}`,
    });

  const dispatcher = new TelegramUser(api, DISPATCHER);
  const master = new TelegramUser(api, MASTER);
  const say = (user: TelegramUser, text: string, chat?: number) => {
    said(user.id, text, chat ?? user.id);
    user.say(text, chat);
  };
  const press = async (user: TelegramUser, label: string | RegExp, chat?: number) => {
    // Logged once the button is found, so the line lands after the message that shows it.
    await user.press(label, chat);
    said(user.id, `[нажимает «${String(label).replace(/^\/|\/$/g, '')}»]`, chat ?? user.id);
  };

  try {
    // Set-up: the admin adds Ivan as a master and binds his work group.
    say(master, '/start');
    await master.expect('Здравствуйте');
    api.botAddedToGroup(WORK_GROUP);
    const { UsersService } = await import('../src/users/users.service');
    const { MastersService } = await import('../src/users/masters.service');
    const adminActor = await app.get(UsersService).upsertFromTelegram(ADMIN);
    const masters = app.get(MastersService);
    const added = await masters.add(
      { telegramId: MASTER.id, phone: '+7 900 555-00-01', specialization: 'Холодильники' },
      adminActor,
    );
    if (!added.ok) throw new Error(reasonText(added));
    await masters.bindWorkGroup(added.value.id, WORK_GROUP, adminActor);
    lines.push({
      at: Date.now(),
      text: '⚙️ (подготовка: администратор добавил мастера Ивана и его рабочую группу)',
    });

    // The dispatcher takes an order by phone; each answer follows the bot's question.
    say(dispatcher, '/start');
    await dispatcher.expect('Выберите действие');
    say(dispatcher, '➕ Создать заявку');
    await dispatcher.expect('Шаг 1/7');
    await press(dispatcher, 'Холодильники');
    await dispatcher.expect('Шаг 2/7');
    say(dispatcher, 'Не морозит морозильная камера');
    await dispatcher.expect('Шаг 3/7');
    say(dispatcher, 'ул. Ленина, д. 5, кв. 12');
    await dispatcher.expect('Шаг 4/7');
    say(dispatcher, 'Мария Петровна');
    await dispatcher.expect('Шаг 5/7');
    say(dispatcher, '8 (900) 111-22-33');
    await dispatcher.expect('Шаг 6/7');
    await press(dispatcher, '⏭️ Пропустить');
    await dispatcher.expect('Шаг 7/7');
    say(dispatcher, 'завтра в 15:00');
    await dispatcher.expect('Проверьте данные');
    await press(dispatcher, '✅ Подтвердить');
    await dispatcher.expect('успешно создана');
    await press(dispatcher, '👨‍🔧 Назначить мастера');
    await dispatcher.expect('Выберите мастера');
    await press(dispatcher, /Иван Мастеров/);
    await dispatcher.expect('назначена');

    // The master works the order from the card in his group.
    await api.waitForMessage(WORK_GROUP.id, 'Новая заявка', 15_000);
    await press(master, '✅ Принять заявку', WORK_GROUP.id);
    await api.waitFor(() => findButton(api, WORK_GROUP.id, '🏠 Я на объекте'), 15_000);
    await press(master, '🏠 Я на объекте', WORK_GROUP.id);
    await api.waitForMessage(WORK_GROUP.id, '+79001112233', 15_000);
    await press(master, '💰 Завершить', WORK_GROUP.id);
    await master.expect('общую сумму', WORK_GROUP.id);
    say(master, '10 000', WORK_GROUP.id);
    await master.expect('расходных материалов', WORK_GROUP.id);
    say(master, '3000', WORK_GROUP.id);
    await master.expect('Верно?', WORK_GROUP.id);
    await press(master, '✅ Да', WORK_GROUP.id);
    await master.expect('отзыв', WORK_GROUP.id);
    await press(master, '❌ Нет', WORK_GROUP.id);
    await master.expect('за город', WORK_GROUP.id);
    await press(master, '✅ Да', WORK_GROUP.id);
    await master.expect('Проверьте данные', WORK_GROUP.id);
    await press(master, '✅ Подтвердить', WORK_GROUP.id);
    await master.expect('завершена', WORK_GROUP.id);

    // The dispatcher receives the result; the work group its report.
    await api.waitForMessage(DISPATCHER.id, /завершен/i, 15_000);
    await api.waitForMessage(WORK_GROUP.id, 'завершена!', 15_000);

    // One paste, one tap: a client's message forwarded to the bot becomes the next order.
    const clientMessage =
      'Добрый день! Посудомойка не сливает воду. ул. Садовая 12 кв 45, Мария, 8 916 555-12-12, завтра с 10 до 12';
    said(DISPATCHER.id, `[пересылает сообщение клиента] ${clientMessage}`);
    dispatcher.forward(clientMessage, {
      type: 'hidden_user',
      sender_user_name: 'Мария (клиент)',
    });
    await dispatcher.expect('Проверьте данные');
    await press(dispatcher, '✅ Подтвердить');
    await dispatcher.expect('успешно создана');
  } finally {
    printTranscript(api, lines, names);
    await app.close();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What everyone saw, in order: people's actions and the bot's messages and edits. */
function printTranscript(api: FakeBotApi, lines: Line[], names: Map<number, string>) {
  const botLines: Line[] = api
    .calls()
    .filter(
      (call) =>
        ['sendMessage', 'editMessageText', 'sendDocument'].includes(call.method) &&
        call.status === 200,
    )
    .map((call) => {
      const chat = names.get(Number(call.params.chat_id)) ?? String(call.params.chat_id);
      const verb = call.method === 'editMessageText' ? '✏️ бот обновил сообщение' : '🤖 бот';
      const text = String(call.params.text ?? call.params.caption ?? '').replace(/<[^>]+>/g, '');
      const buttons = buttonLabels(call.params.reply_markup);
      return {
        at: call.at,
        text: `${verb} → ${chat}:\n${indent(text)}${buttons ? `\n   ${buttons}` : ''}`,
      };
    });
  const all = [...lines, ...botLines].sort((a, b) => a.at - b.at);
  process.stdout.write('\n════════ repair-dispatch: демонстрация одной заявки ════════\n\n');
  for (const line of all) process.stdout.write(`${line.text}\n\n`);
}

function findButton(api: FakeBotApi, chatId: number, label: string) {
  return api
    .messages(chatId)
    .find((m) => !m.deleted && JSON.stringify(m.reply_markup ?? {}).includes(label));
}

function buttonLabels(markup: unknown): string {
  const parsed = typeof markup === 'string' ? JSON.parse(markup) : markup;
  const rows = (
    parsed as { inline_keyboard?: { text: string }[][]; keyboard?: unknown } | undefined
  )?.inline_keyboard;
  return rows ? rows.map((row) => row.map((b) => `[${b.text}]`).join(' ')).join(' ') : '';
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');

main()
  .then(() => process.exit(0))
  .catch((error: Error) => {
    console.error(`Демонстрация не удалась: ${error.message}`);
    process.exit(1);
  });
