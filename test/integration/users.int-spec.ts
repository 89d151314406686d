import { AuditLog } from '../../src/audit/audit-log.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import type { ActorWithRights } from '../../src/users/actor';
import { Master } from '../../src/users/master.entity';
import { MastersService } from '../../src/users/masters.service';
import type { Role } from '../../src/users/role';
import { UserRole } from '../../src/users/user-role.entity';
import { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import {
  addMaster,
  createDomainApp,
  DomainApp,
  ORDER_DRAFT,
  TEST_ADMIN_ID,
  TEST_DISPATCHER_ID,
} from '../support/domain-app';
import { dialectUnderTest } from '../support/test-database';
import { worded } from '../support/worded';
import { reasonText } from '../../src/texts/ru/reasons';

const DRAFT = ORDER_DRAFT;

const NEW_MASTER = { phone: '+7 900 555-44-33', specialization: 'Стиральные машины' };

describe(`users, roles and masters on ${dialectUnderTest()}`, () => {
  let app: DomainApp;
  let users: UsersService;
  let masters: MastersService;
  let orders: OrdersService;
  let admin: ActorWithRights;
  let dispatcher: ActorWithRights;

  beforeAll(async () => {
    app = await createDomainApp();
    users = app.get(UsersService);
    masters = app.get(MastersService);
    orders = app.get(OrdersService);
    admin = await app.actor(TEST_ADMIN_ID);
    dispatcher = await app.actor(TEST_DISPATCHER_ID);
  });

  afterAll(() => app.close());

  async function rightsOf(telegramId: number): Promise<ActorWithRights> {
    const actor = await users.actorByTelegramId(telegramId);
    if (!actor) throw new Error(`no user ${telegramId}`);
    return actor;
  }

  const rolesOf = async (telegramId: number): Promise<Role[]> =>
    [...(await rightsOf(telegramId)).roles].sort();

  async function userRowOf(telegramId: number): Promise<User> {
    return app.dataSource.getRepository(User).findOneByOrFail({ telegramId });
  }

  async function roleRowsOf(telegramId: number) {
    const user = await userRowOf(telegramId);
    return app.dataSource
      .getRepository(UserRole)
      .find({ where: { userId: user.id }, order: { role: 'ASC' } });
  }

  const masterRow = (id: number) => app.dataSource.getRepository(Master).findOneByOrFail({ id });

  const outboxTo = (chatId: number) =>
    app.dataSource.getRepository(Notification).find({ where: { chatId }, order: { id: 'ASC' } });

  const auditOf = (entityType: string, entityId: number) =>
    app.dataSource
      .getRepository(AuditLog)
      .find({ where: { entityType, entityId }, order: { id: 'ASC' } });

  async function newOrder(): Promise<Order> {
    const created = await orders.create(DRAFT, dispatcher);
    if (!created.ok) throw new Error(reasonText(created));
    return created.value;
  }

  async function assignedTo(masterId: number): Promise<Order> {
    const order = await newOrder();
    const assigned = await orders.assign({ id: order.id }, masterId, dispatcher);
    if (!assigned.ok) throw new Error(reasonText(assigned));
    return assigned.value;
  }

  describe('roles from the environment', () => {
    it('makes the ADMIN_IDS user an admin and the DISPATCHER_IDS user a dispatcher', async () => {
      expect(await rolesOf(TEST_ADMIN_ID)).toEqual(['ADMIN']);
      expect(await rolesOf(TEST_DISPATCHER_ID)).toEqual(['DISPATCHER']);
      expect(await roleRowsOf(TEST_ADMIN_ID)).toEqual([
        expect.objectContaining({ role: 'ADMIN', source: 'env', grantedByUserId: null }),
      ]);
      expect(await roleRowsOf(TEST_DISPATCHER_ID)).toEqual([
        expect.objectContaining({ role: 'DISPATCHER', source: 'env', grantedByUserId: null }),
      ]);
    });

    it('takes the role from a user dropped from the list, but keeps roles an admin granted', async () => {
      await app.actor(4001);
      await app.actor(4002);
      await users.bootstrapEnvRoles([TEST_ADMIN_ID, 4001], [TEST_DISPATCHER_ID]);
      expect(await rolesOf(4001)).toEqual(['ADMIN']);
      expect(await users.grantRole(4002, 'DISPATCHER', admin)).toMatchObject({ ok: true });

      await users.bootstrapEnvRoles([TEST_ADMIN_ID], [TEST_DISPATCHER_ID]);

      expect(await rolesOf(4001)).toEqual([]);
      expect(await roleRowsOf(4001)).toEqual([]);
      expect(await rolesOf(4002)).toEqual(['DISPATCHER']);
      expect(await roleRowsOf(4002)).toEqual([
        expect.objectContaining({
          role: 'DISPATCHER',
          source: 'admin',
          grantedByUserId: admin.userId,
        }),
      ]);
      // The people still listed are untouched.
      expect(await rolesOf(TEST_ADMIN_ID)).toEqual(['ADMIN']);
      expect(await rolesOf(TEST_DISPATCHER_ID)).toEqual(['DISPATCHER']);
    });

    it('refuses to take ADMIN from an admin listed in ADMIN_IDS, even by another admin', async () => {
      const other = await app.actor(4005);
      expect(await users.grantRole(4005, 'ADMIN', admin)).toMatchObject({ ok: true });

      const result = await users.revokeRole(TEST_ADMIN_ID, 'ADMIN', other);
      expect(worded(result)).toMatchObject({
        ok: false,
        code: 'forbidden',
        message: expect.stringContaining('ADMIN_IDS'),
      });
      expect(await users.revokeRole(TEST_ADMIN_ID, 'ADMIN', admin)).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await rolesOf(TEST_ADMIN_ID)).toEqual(['ADMIN']);
      expect(await roleRowsOf(TEST_ADMIN_ID)).toEqual([
        expect.objectContaining({ role: 'ADMIN', source: 'env' }),
      ]);
    });
  });

  describe('people writing to the bot', () => {
    it('registers a new person with their names and gives them no roles', async () => {
      const person = await users.upsertFromTelegram({
        id: 4010,
        first_name: 'Иван',
        username: 'ivan',
      });
      expect(person).toMatchObject({ telegramId: 4010, name: 'Иван', activeMasterId: null });
      expect(person.roles.size).toBe(0);
      expect(await userRowOf(4010)).toMatchObject({
        firstName: 'Иван',
        lastName: null,
        username: 'ivan',
        blockedBot: false,
      });
    });

    it('refreshes the names when the person writes again', async () => {
      await users.upsertFromTelegram({ id: 4011, first_name: 'Пётр', username: 'petr' });
      const again = await users.upsertFromTelegram({
        id: 4011,
        first_name: 'Пётр',
        last_name: 'Сидоров',
        username: 'petr_s',
      });
      expect(again.name).toBe('Пётр Сидоров');
      expect(await userRowOf(4011)).toMatchObject({
        firstName: 'Пётр',
        lastName: 'Сидоров',
        username: 'petr_s',
      });
      expect(await app.dataSource.getRepository(User).countBy({ telegramId: 4011 })).toBe(1);
    });

    it('gets notifications again once a person who blocked the bot writes to it', async () => {
      await app.actor(4012);
      await users.grantRole(4012, 'DISPATCHER', admin);
      const recipients = () => users.chatIdsWithRole(app.dataSource.manager, ['DISPATCHER']);
      expect(await recipients()).toContain(4012);

      await app.dataSource.getRepository(User).update({ telegramId: 4012 }, { blockedBot: true });
      expect(await recipients()).not.toContain(4012);

      await users.upsertFromTelegram({ id: 4012, first_name: 'User4012' });
      expect(await userRowOf(4012)).toMatchObject({ blockedBot: false });
      expect(await recipients()).toContain(4012);
    });

    it('knows nobody it has never seen', async () => {
      expect(await users.actorByTelegramId(4019)).toBeNull();
    });
  });

  describe('granting and revoking roles', () => {
    it('lets only admins change roles; a dispatcher is refused and nothing changes', async () => {
      await app.actor(4020);
      expect(await users.grantRole(4020, 'DISPATCHER', dispatcher)).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await users.grantRole(4020, 'ADMIN', dispatcher)).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await users.revokeRole(TEST_DISPATCHER_ID, 'DISPATCHER', dispatcher)).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await rolesOf(4020)).toEqual([]);
      expect(await roleRowsOf(4020)).toEqual([]);
      expect(await auditOf('user', (await userRowOf(4020)).id)).toEqual([]);
    });

    it('says which Telegram id it could not find', async () => {
      const result = await users.grantRole(4029, 'DISPATCHER', admin);
      expect(worded(result)).toMatchObject({
        ok: false,
        code: 'not_found',
        message: expect.stringContaining('4029'),
      });
      expect(await users.actorByTelegramId(4029)).toBeNull();
    });

    it('grants and then revokes DISPATCHER, auditing both', async () => {
      const target = await app.actor(4021);
      expect(await users.grantRole(4021, 'DISPATCHER', admin)).toMatchObject({
        ok: true,
        value: 'DISPATCHER',
      });
      expect(await rolesOf(4021)).toEqual(['DISPATCHER']);
      expect(await roleRowsOf(4021)).toEqual([
        expect.objectContaining({ source: 'admin', grantedByUserId: admin.userId }),
      ]);

      expect(await users.revokeRole(4021, 'DISPATCHER', admin)).toMatchObject({ ok: true });
      expect(await rolesOf(4021)).toEqual([]);

      expect(await auditOf('user', target.userId)).toEqual([
        expect.objectContaining({
          action: 'role.add',
          actorUserId: admin.userId,
          details: { role: 'DISPATCHER', telegramId: 4021 },
        }),
        expect.objectContaining({
          action: 'role.remove',
          actorUserId: admin.userId,
          details: { role: 'DISPATCHER', telegramId: 4021 },
        }),
      ]);
    });

    it('refuses to grant a role twice or to revoke one the person does not hold', async () => {
      await app.actor(4022);
      await users.grantRole(4022, 'DISPATCHER', admin);
      expect(await users.grantRole(4022, 'DISPATCHER', admin)).toMatchObject({
        ok: false,
        code: 'invalid',
      });
      expect(await users.revokeRole(4022, 'ADMIN', admin)).toMatchObject({
        ok: false,
        code: 'invalid',
      });
      expect(await rolesOf(4022)).toEqual(['DISPATCHER']);
    });

    it('sends a person who is not a master to «Добавить мастера» instead of granting MASTER', async () => {
      const person = await app.actor(4023);
      expect(worded(await users.grantRole(4023, 'MASTER', admin))).toMatchObject({
        ok: false,
        code: 'invalid',
        message: expect.stringContaining('Добавить мастера'),
      });
      expect(await users.grantRole(4023, 'SENIOR_MASTER', admin)).toMatchObject({
        ok: false,
        code: 'invalid',
      });
      expect(await rolesOf(4023)).toEqual([]);
      expect(await app.dataSource.getRepository(Master).countBy({ userId: person.userId })).toBe(0);
      expect(await auditOf('user', person.userId)).toEqual([]);
    });

    it('makes a master a senior master with SENIOR_MASTER', async () => {
      const { master } = await addMaster(app, 4024, { workChatId: null });
      expect(master.isSenior).toBe(false);
      expect(await users.grantRole(4024, 'SENIOR_MASTER', admin)).toMatchObject({ ok: true });
      expect(await masterRow(master.id)).toMatchObject({ isSenior: true });
      expect(await rolesOf(4024)).toEqual(['MASTER', 'SENIOR_MASTER']);

      expect(await users.revokeRole(4024, 'SENIOR_MASTER', admin)).toMatchObject({ ok: true });
      expect(await masterRow(master.id)).toMatchObject({ isSenior: false });
      expect(await rolesOf(4024)).toEqual(['MASTER']);
    });
  });

  describe('adding masters', () => {
    it('refuses to add someone who never wrote to the bot', async () => {
      const result = await masters.add({ telegramId: 4039, ...NEW_MASTER }, admin);
      expect(worded(result)).toMatchObject({
        ok: false,
        code: 'not_found',
        message: expect.stringContaining('4039'),
      });
      expect(await users.actorByTelegramId(4039)).toBeNull();
    });

    it('adds a master with a normalized phone, tells them, and gives them MASTER at once', async () => {
      const person = await app.actor(4030);
      const result = await masters.add(
        { telegramId: 4030, phone: '8 (900) 123-45-67', specialization: '  Холодильники ' },
        admin,
      );
      expect(result).toMatchObject({
        ok: true,
        value: {
          userId: person.userId,
          phone: '+79001234567',
          specialization: 'Холодильники',
          isActive: true,
          isSenior: false,
          workChatId: null,
          firedAt: null,
        },
      });
      const masterId = result.ok ? result.value.id : -1;
      expect((await outboxTo(4030)).map((n) => [n.kind, n.chatId])).toEqual([
        ['master_added', 4030],
      ]);
      const rights = await rightsOf(4030);
      expect([...rights.roles]).toEqual(['MASTER']);
      expect(rights.activeMasterId).toBe(masterId);
      expect(await auditOf('master', masterId)).toEqual([
        expect.objectContaining({ action: 'master.add', actorUserId: admin.userId }),
      ]);
    });

    it('refuses a bad phone, naming the phone field, and adds nothing', async () => {
      const person = await app.actor(4031);
      for (const phone of ['12345', '+8 900 123-45-67', 'телефон']) {
        expect(
          await masters.add({ telegramId: 4031, phone, specialization: 'Электрика' }, admin),
        ).toMatchObject({ ok: false, code: 'invalid', field: 'phone' });
      }
      expect(
        await masters.add({ telegramId: 4031, ...NEW_MASTER, specialization: 'x' }, admin),
      ).toMatchObject({ ok: false, code: 'invalid', field: 'specialization' });
      expect(await app.dataSource.getRepository(Master).countBy({ userId: person.userId })).toBe(0);
      expect(await rolesOf(4031)).toEqual([]);
      expect(await outboxTo(4031)).toEqual([]);
    });

    it('refuses to add the same master twice', async () => {
      const person = await app.actor(4032);
      expect(await masters.add({ telegramId: 4032, ...NEW_MASTER }, admin)).toMatchObject({
        ok: true,
      });
      expect(await masters.add({ telegramId: 4032, ...NEW_MASTER }, admin)).toMatchObject({
        ok: false,
        code: 'invalid',
      });
      expect(await app.dataSource.getRepository(Master).countBy({ userId: person.userId })).toBe(1);
      expect((await outboxTo(4032)).map((n) => n.kind)).toEqual(['master_added']);
    });

    it('does not let a dispatcher add a master', async () => {
      const person = await app.actor(4033);
      expect(await masters.add({ telegramId: 4033, ...NEW_MASTER }, dispatcher)).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await app.dataSource.getRepository(Master).countBy({ userId: person.userId })).toBe(0);
      expect(await rolesOf(4033)).toEqual([]);
    });
  });

  describe('work groups', () => {
    it('refuses a group that already belongs to another master, naming that master', async () => {
      const first = await addMaster(app, 4040);
      const second = await addMaster(app, 4041, { workChatId: null });
      const result = await masters.bindWorkGroup(
        second.master.id,
        { id: first.workChatId as number, title: 'Чужая группа', type: 'supergroup' },
        admin,
      );
      expect(worded(result)).toMatchObject({
        ok: false,
        code: 'invalid',
        message: expect.stringContaining('User4040'),
      });
      expect(await masterRow(second.master.id)).toMatchObject({ workChatId: null });
      expect((await masters.findByWorkChat(first.workChatId as number))?.id).toBe(first.master.id);
    });

    it('refuses a private chat as a work group', async () => {
      const { master } = await addMaster(app, 4042, { workChatId: null });
      expect(
        await masters.bindWorkGroup(
          master.id,
          { id: 4042, title: 'User4042', type: 'private' },
          admin,
        ),
      ).toMatchObject({ ok: false, code: 'invalid' });
      expect(await masterRow(master.id)).toMatchObject({ workChatId: null });
    });

    it('moves a master to a new group and frees the old one', async () => {
      const moving = await addMaster(app, 4043);
      const other = await addMaster(app, 4044, { workChatId: null });
      const oldChat = moving.workChatId as number;
      const newChat = -1_009_000_004_043;
      expect(
        await masters.bindWorkGroup(
          moving.master.id,
          { id: newChat, title: 'Новая группа', type: 'group' },
          admin,
        ),
      ).toMatchObject({ ok: true, value: { workChatId: newChat, workChatTitle: 'Новая группа' } });
      expect((await masters.findByWorkChat(newChat))?.id).toBe(moving.master.id);
      expect(await masters.findByWorkChat(oldChat)).toBeNull();
      // The old group is free for someone else now.
      expect(
        await masters.bindWorkGroup(
          other.master.id,
          { id: oldChat, title: 'Старая группа', type: 'supergroup' },
          admin,
        ),
      ).toMatchObject({ ok: true });
    });

    it('keeps the binding when the group is upgraded to a supergroup', async () => {
      const basicGroup = -4045;
      const supergroup = -1_004_500_000_045;
      const { master } = await addMaster(app, 4045, { workChatId: basicGroup });
      await masters.followChatMigration(basicGroup, supergroup);
      expect((await masters.findByWorkChat(supergroup))?.id).toBe(master.id);
      expect(await masters.findByWorkChat(basicGroup)).toBeNull();
      expect((await auditOf('master', master.id)).at(-1)).toMatchObject({
        action: 'master.group_migrated',
        actorUserId: null,
        details: { from: basicGroup, to: supergroup },
      });
    });

    it('does not let a dispatcher bind a group', async () => {
      const { master } = await addMaster(app, 4046, { workChatId: null });
      expect(
        await masters.bindWorkGroup(
          master.id,
          { id: -1_004_600_000_046, title: 'Группа', type: 'supergroup' },
          dispatcher,
        ),
      ).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await masterRow(master.id)).toMatchObject({ workChatId: null });
    });
  });

  describe('deactivating and firing', () => {
    it('takes MASTER away at once on deactivation, tells the master, and gives it back on activation', async () => {
      const { master } = await addMaster(app, 4050);
      expect(await masters.setActive(master.id, false, admin)).toMatchObject({
        ok: true,
        value: { isActive: false },
      });
      const rights = await rightsOf(4050);
      expect(rights.roles.has('MASTER')).toBe(false);
      expect(rights.activeMasterId).toBeNull();
      expect((await outboxTo(4050)).map((n) => n.kind)).toContain('master_deactivated');
      expect((await masters.choicesForAssignment()).map((c) => c.masterId)).not.toContain(
        master.id,
      );

      expect(await masters.setActive(master.id, true, admin)).toMatchObject({ ok: true });
      const restored = await rightsOf(4050);
      expect([...restored.roles]).toEqual(['MASTER']);
      expect(restored.activeMasterId).toBe(master.id);
      expect((await auditOf('master', master.id)).map((a) => a.action)).toEqual(
        expect.arrayContaining(['master.deactivate', 'master.activate']),
      );
    });

    it('refuses to fire a master with an active order, and fires them once it is unassigned', async () => {
      const { master, workChatId } = await addMaster(app, 4051);
      const order = await assignedTo(master.id);

      expect(worded(await masters.fire(master.id, admin))).toMatchObject({
        ok: false,
        code: 'invalid',
        message: expect.stringContaining('1 активных'),
      });
      expect(await masterRow(master.id)).toMatchObject({ firedAt: null, workChatId });
      expect((await rightsOf(4051)).roles.has('MASTER')).toBe(true);

      expect(await orders.unassign({ id: order.id }, dispatcher)).toMatchObject({ ok: true });
      expect(await masters.fire(master.id, admin)).toMatchObject({ ok: true });

      const fired = await masterRow(master.id);
      expect(fired).toMatchObject({ isActive: false, workChatId: null, workChatTitle: null });
      expect(fired.firedAt).toBeInstanceOf(Date);
      const rights = await rightsOf(4051);
      expect(rights.roles.has('MASTER')).toBe(false);
      expect(rights.activeMasterId).toBeNull();
      expect(await masters.findByWorkChat(workChatId as number)).toBeNull();
      expect((await outboxTo(4051)).map((n) => n.kind)).toContain('master_fired');
      expect((await auditOf('master', master.id)).at(-1)).toMatchObject({
        action: 'master.fire',
        details: { workChatId },
      });
      // A fired master cannot be changed any more.
      expect(await masters.setActive(master.id, true, admin)).toMatchObject({
        ok: false,
        code: 'not_found',
      });
    });

    it('does not let a dispatcher deactivate or fire a master', async () => {
      const { master } = await addMaster(app, 4052);
      expect(await masters.setActive(master.id, false, dispatcher)).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await masters.fire(master.id, dispatcher)).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await masterRow(master.id)).toMatchObject({ isActive: true, firedAt: null });
    });
  });

  describe('choosing a master for an order', () => {
    it('lists active masters with their load and group, and leaves out fired and deactivated ones', async () => {
      const busy = await addMaster(app, 4060, { specialization: 'Кондиционеры' });
      const noGroup = await addMaster(app, 4061, { workChatId: null, specialization: 'Электрика' });
      const inactive = await addMaster(app, 4062);
      const gone = await addMaster(app, 4063);
      await assignedTo(busy.master.id);
      await assignedTo(busy.master.id);
      await masters.setActive(inactive.master.id, false, admin);
      expect(await masters.fire(gone.master.id, admin)).toMatchObject({ ok: true });

      const choices = await masters.choicesForAssignment();
      const ids = choices.map((c) => c.masterId);
      expect(choices).toContainEqual({
        masterId: busy.master.id,
        name: 'User4060',
        specialization: 'Кондиционеры',
        activeOrders: 2,
        hasWorkGroup: true,
      });
      expect(choices).toContainEqual({
        masterId: noGroup.master.id,
        name: 'User4061',
        specialization: 'Электрика',
        activeOrders: 0,
        hasWorkGroup: false,
      });
      expect(ids).not.toContain(inactive.master.id);
      expect(ids).not.toContain(gone.master.id);
      // Least loaded first.
      expect(ids.indexOf(noGroup.master.id)).toBeLessThan(ids.indexOf(busy.master.id));
    });
  });

  describe('the users list', () => {
    it('is for admins only', async () => {
      expect(await users.listByRole(dispatcher)).toMatchObject({ ok: false, code: 'forbidden' });
    });

    it('groups everyone by role, a person with two roles in both groups', async () => {
      await addMaster(app, 4070);
      await addMaster(app, 4071);
      await users.grantRole(4071, 'SENIOR_MASTER', admin);
      await addMaster(app, 4072);
      await users.grantRole(4072, 'DISPATCHER', admin);
      await app.actor(4073);

      const result = await users.listByRole(admin);
      if (!result.ok) throw new Error(reasonText(result));
      const ids = Object.fromEntries(
        Object.entries(result.value).map(([role, list]) => [role, list.map((u) => u.telegramId)]),
      );
      expect(ids.ADMIN).toContain(TEST_ADMIN_ID);
      expect(ids.DISPATCHER).toEqual(expect.arrayContaining([TEST_DISPATCHER_ID, 4072]));
      expect(ids.MASTER).toEqual(expect.arrayContaining([4070, 4071, 4072]));
      expect(ids.SENIOR_MASTER).toContain(4071);
      expect(ids.SENIOR_MASTER).not.toContain(4070);
      expect(ids.NONE).toContain(4073);
      expect(ids.NONE).not.toContain(4070);
      expect(ids.MASTER).not.toContain(TEST_ADMIN_ID);
      expect(ids.DISPATCHER).not.toContain(4070);
    });
  });
});
