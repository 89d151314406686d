import { Order } from '../../src/orders/order.entity';
import { BotApp, startBotApp } from '../support/bot-app';
import { TelegramUser } from '../support/telegram-user';
import { TEST_DISPATCHER_ID } from '../support/test-env';

/** How to reach each step of «➕ Создать заявку», and the question that step asks. */
const CREATION_STEPS: { question: string; reach: (user: TelegramUser) => Promise<void> }[] = [];
const answers: ((user: TelegramUser) => Promise<void>)[] = [
  async (u) => void (await u.press('Холодильники')),
  async (u) => u.say('Не морозит'),
  async (u) => u.say('ул. Ленина, д. 5'),
  async (u) => u.say('Анна'),
  async (u) => u.say('+7 900 111 22 33'),
  async (u) => void (await u.press('⏭️ Пропустить')),
  async (u) => void (await u.press('⏭️ Пропустить')),
];
const questions = [
  'Шаг 1/7',
  'Шаг 2/7',
  'Шаг 3/7',
  'Шаг 4/7',
  'Шаг 5/7',
  'Шаг 6/7',
  'Шаг 7/7',
  'Проверьте данные',
];
questions.forEach((question, step) =>
  CREATION_STEPS.push({
    question,
    reach: async (user) => {
      user.say('➕ Создать заявку');
      await user.expect(questions[0]);
      for (let i = 0; i < step; i++) {
        await answers[i](user);
        await user.expect(questions[i + 1]);
      }
    },
  }),
);

describe('leaving a dialog from any step', () => {
  let bot: BotApp;
  let dispatcher: TelegramUser;

  beforeAll(async () => {
    bot = await startBotApp();
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
  });

  afterAll(() => bot.close());

  describe.each(['/cancel', '❌ Отмена', '/start'])('with %s', (exit) => {
    it.each(CREATION_STEPS.map((step, i) => ({ ...step, n: i + 1 })))(
      'abandons «Создать заявку» at step $n ($question) and never takes it as an answer',
      async ({ reach }) => {
        await reach(dispatcher);
        dispatcher.say(exit);
        await dispatcher.expect(exit === '/start' ? 'Выберите действие' : '❌ Действие отменено.');
        // The next text is no answer to the abandoned question: the menu hint comes back.
        dispatcher.say('Ещё одна строка');
        await dispatcher.expect('Выберите действие');
        expect(await bot.dataSource.getRepository(Order).count()).toBe(0);
      },
    );
  });
});
