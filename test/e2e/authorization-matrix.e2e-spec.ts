import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import type { OrderStatus } from '../../src/orders/order-status';
import type { ActorWithRights } from '../../src/users/actor';
import { Master } from '../../src/users/master.entity';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import { ORDER_DRAFT } from '../support/domain-app';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';

type Who = 'unknown' | 'assignedMaster' | 'otherMaster' | 'dispatcher' | 'admin';
const EVERYONE: Who[] = ['unknown', 'assignedMaster', 'otherMaster', 'dispatcher', 'admin'];
const STAFF: Who[] = ['dispatcher', 'admin'];
const MASTER_OR_ADMIN: Who[] = ['assignedMaster', 'admin'];

/**
 * Every order button: the status it is shown in, who may press it (FEATURES.md §2.2, §3.3,
 * §4.1, §5.3, written out here independently of the code), and what a permitted press does.
 */
const ORDER_BUTTONS: {
  action: string;
  status: OrderStatus;
  allowed: Who[];
  effect: 'changes' | 'asks' | 'shows';
}[] = [
  { action: 'accept', status: 'ASSIGNED', allowed: MASTER_OR_ADMIN, effect: 'changes' },
  { action: 'onsite', status: 'ACCEPTED', allowed: MASTER_OR_ADMIN, effect: 'changes' },
  { action: 'backonsite', status: 'DR', allowed: MASTER_OR_ADMIN, effect: 'changes' },
  { action: 'mcancel', status: 'ASSIGNED', allowed: ['assignedMaster'], effect: 'asks' },
  { action: 'resched', status: 'ACCEPTED', allowed: MASTER_OR_ADMIN, effect: 'asks' },
  { action: 'complete', status: 'ONSITE', allowed: MASTER_OR_ADMIN, effect: 'asks' },
  { action: 'dr', status: 'ONSITE', allowed: MASTER_OR_ADMIN, effect: 'asks' },
  { action: 'crefused', status: 'ONSITE', allowed: MASTER_OR_ADMIN, effect: 'asks' },
  { action: 'card', status: 'NEW', allowed: STAFF, effect: 'shows' },
  { action: 'assign', status: 'NEW', allowed: STAFF, effect: 'shows' },
  { action: 'reassign', status: 'ASSIGNED', allowed: STAFF, effect: 'shows' },
  { action: 'unassign', status: 'ASSIGNED', allowed: STAFF, effect: 'changes' },
  { action: 'waiting', status: 'ACCEPTED', allowed: STAFF, effect: 'changes' },
  { action: 'restore', status: 'REFUSED', allowed: STAFF, effect: 'changes' },
  { action: 'cancel', status: 'ASSIGNED', allowed: STAFF, effect: 'asks' },
  { action: 'edit', status: 'ASSIGNED', allowed: STAFF, effect: 'asks' },
];

/** Menu buttons and commands, and who may use them. */
const COMMANDS: { text: string; allowed: Who[] }[] = [
  { text: '➕ Создать заявку', allowed: STAFF },
  { text: '📋 Все заявки', allowed: STAFF },
  { text: '🔍 Поиск заказов', allowed: STAFF },
  { text: '👥 Мастера', allowed: STAFF },
  { text: '👤 Пользователи', allowed: ['admin'] },
  { text: '📋 Мои заявки', allowed: ['assignedMaster', 'otherMaster'] },
  { text: '📊 Моя статистика', allowed: ['assignedMaster', 'otherMaster'] },
  { text: '/admin', allowed: ['admin'] },
  { text: '/admin role 9500 add DISPATCHER', allowed: ['admin'] },
  { text: '/admin delete 1', allowed: ['admin'] },
  { text: '/admin restore 1', allowed: ['admin'] },
  { text: '/admin edit_closed 1', allowed: ['admin'] },
];

describe('authorization matrix: every button and command × every kind of user', () => {
  let bot: BotApp;
  let users: Record<Who, TelegramUser>;
  let assignedMaster: Master;
  let adminActor: ActorWithRights;

  beforeAll(async () => {
    bot = await startBotApp();
    const person = (id: number, first_name: string) =>
      new TelegramUser(bot.api, { id, first_name });
    users = {
      unknown: person(9500, 'Незнакомец'),
      assignedMaster: person(3201, 'Назначенный'),
      otherMaster: person(3202, 'Другой'),
      dispatcher: person(TEST_DISPATCHER_ID, 'Диспетчер'),
      admin: person(TEST_ADMIN_ID, 'Админ'),
    };
    for (const user of Object.values(users)) {
      user.say('/start');
      await user.expect('Здравствуйте');
    }
    adminActor = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    const masters = bot.app.get(MastersService);
    for (const [who, group] of [
      ['assignedMaster', -1003201],
      ['otherMaster', -1003202],
    ] as const) {
      const added = await masters.add(
        {
          telegramId: users[who].id,
          phone: `+7900555${users[who].id}`,
          specialization: 'Электрика',
        },
        adminActor,
      );
      if (!added.ok) throw new Error(added.message);
      await masters.bindWorkGroup(
        added.value.id,
        { id: group, title: who, type: 'supergroup' },
        adminActor,
      );
      if (who === 'assignedMaster') assignedMaster = added.value;
    }
    // Rights are read when an update arrives: the masters write again to refresh theirs.
    for (const who of ['assignedMaster', 'otherMaster'] as const) {
      users[who].say('/start');
      await users[who].expect('Здравствуйте');
    }
  });

  afterAll(() => bot.close());

  /** A fresh order in `status`, assigned to the assigned master where the status needs one. */
  async function orderIn(status: OrderStatus): Promise<Order> {
    const orders = bot.app.get(OrdersService);
    const step = async (result: Promise<{ ok: boolean; value?: Order; message?: string }>) => {
      const outcome = await result;
      if (!outcome.ok || !outcome.value) throw new Error(outcome.message);
      return outcome.value;
    };
    let order = await step(orders.create(ORDER_DRAFT, adminActor));
    const ref = () => ({ id: order.id });
    if (status === 'NEW') return order;
    if (status === 'REFUSED') return step(orders.cancel(ref(), 'Клиент передумал', adminActor));
    order = await step(orders.assign(ref(), assignedMaster.id, adminActor));
    if (status === 'ASSIGNED') return order;
    order = await step(orders.accept(ref(), adminActor));
    if (status === 'ACCEPTED') return order;
    order = await step(orders.onSite(ref(), adminActor));
    if (status === 'ONSITE') return order;
    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    return step(
      orders.longRepair(
        ref(),
        { expectedDate: date, parts: null, preliminaryKopecks: null },
        adminActor,
      ),
    );
  }

  const cases = ORDER_BUTTONS.flatMap((button) => EVERYONE.map((who) => ({ ...button, who })));

  it.each(cases)(
    'button o:$action on a $status order pressed by $who',
    async ({ action, status, allowed, effect, who }) => {
      const order = await orderIn(status);
      const user = users[who];
      const pressOn = bot.api.messages(user.id).at(-1);
      if (!pressOn) throw new Error(`no message in ${who}'s chat`);
      user.forge(pressOn, `o:${action}:${order.id}:${order.version}`);
      const answer = await user.lastAnswer();
      const after = await bot.dataSource.getRepository(Order).findOneByOrFail({ id: order.id });

      if (!allowed.includes(who)) {
        expect(answer.show_alert).toBe(true);
        expect(answer.text).toMatch(/⛔|⚠️/);
        expect(after).toMatchObject({
          status: order.status,
          version: order.version,
          masterId: order.masterId,
        });
        return;
      }
      expect(answer.show_alert).toBeFalsy();
      if (effect === 'changes') expect(after.version).toBe(order.version + 1);
      else expect(after.version).toBe(order.version);
      if (effect === 'asks') {
        user.say('/cancel');
        await user.expect('❌ Действие отменено.');
      }
    },
  );

  const commandCases = COMMANDS.flatMap((command) => EVERYONE.map((who) => ({ ...command, who })));

  it.each(commandCases)('"$text" sent by $who', async ({ text, allowed, who }) => {
    const user = users[who];
    const since = Date.now();
    user.say(text);
    // Updates of a chat are handled in order: once /cancel is answered, the command was too.
    user.say('/cancel');
    await user.expect(/Действие отменено|Нечего отменять/);
    // Notifications from the outbox may arrive in between; a refusal always starts with ⛔.
    const refusals = bot.api
      .messages(user.id)
      .filter((m) => m.sentAt >= since && m.visibleText?.startsWith('⛔'));
    expect(refusals.length > 0).toBe(!allowed.includes(who));
  });
});
