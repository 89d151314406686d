import { AuditLog } from '../../src/audit/audit-log.entity';
import { IntakeDraft } from '../../src/intake/intake-draft.entity';
import { IntakeService } from '../../src/intake/intake.service';
import { Notification } from '../../src/notifications/notification.entity';
import { Order } from '../../src/orders/order.entity';
import type { ActorWithRights } from '../../src/users/actor';
import {
  createDomainApp,
  DomainApp,
  TEST_ADMIN_ID,
  TEST_DISPATCHER_ID,
} from '../support/domain-app';
import { dialectUnderTest } from '../support/test-database';
import { reasonText } from '../../src/texts/ru/reasons';

const GROUP = { id: -1_001_000_016_101, title: 'Приём', type: 'supergroup' };
const POST = 'с/м не сливает, ул. Ленина 5 кв 3, +7 900 123-45-67, Ольга, завтра с 10 до 12';

describe(`order intake on ${dialectUnderTest()}`, () => {
  let app: DomainApp;
  let intake: IntakeService;
  let admin: ActorWithRights;
  let dispatcher: ActorWithRights;
  let stranger: ActorWithRights;
  let nextMessage = 100;

  beforeAll(async () => {
    app = await createDomainApp();
    intake = app.get(IntakeService);
    admin = await app.actor(TEST_ADMIN_ID);
    dispatcher = await app.actor(TEST_DISPATCHER_ID);
    stranger = await app.actor(7201);
    const bound = await intake.bindGroup(GROUP, admin);
    if (!bound.ok) throw new Error(reasonText(bound));
  });

  afterAll(() => app.close());

  async function draftOf(text: string, messageId = nextMessage++): Promise<IntakeDraft> {
    const draft = await intake.receive({ chatId: GROUP.id, messageId, text });
    if (!draft) throw new Error(`no draft from ${text}`);
    return draft;
  }

  it('lets only an admin bind a group, and only a group', async () => {
    expect((await intake.bindGroup({ ...GROUP, id: -5 }, dispatcher)).ok).toBe(false);
    expect((await intake.bindGroup({ id: 5, title: 'x', type: 'private' }, admin)).ok).toBe(false);
  });

  it('makes one draft per message, however often it is delivered, and none from chatter', async () => {
    const first = await draftOf(POST, 1);
    const again = await draftOf(POST, 1);

    expect(again.id).toBe(first.id);
    expect(
      await intake.receive({ chatId: GROUP.id, messageId: 2, text: 'Всем привет!' }),
    ).toBeNull();
    expect(await intake.receive({ chatId: -42, messageId: 3, text: POST })).toBeNull();
    expect(first.fields).toMatchObject({
      equipmentType: 'Стиральные машины',
      clientPhone: '+79001234567',
      clientName: 'Ольга',
    });
  });

  it('creates one order when two dispatchers confirm at once', async () => {
    const draft = await draftOf(POST.replace('Ленина 5', 'Ленина 7'));

    const [a, b] = await Promise.all([
      intake.confirm(draft.id, dispatcher),
      intake.confirm(draft.id, admin),
    ]);

    const ids = [a, b].map((r) => (r.ok && r.value.kind === 'created' ? r.value.order.id : null));
    expect(ids[0]).not.toBeNull();
    expect(ids[1]).toBe(ids[0]);
    expect(
      await app.dataSource.getRepository(Order).countBy({ creationKey: `intake:${draft.id}` }),
    ).toBe(1);
    expect(
      await app.dataSource
        .getRepository(AuditLog)
        .countBy({ action: 'order.from_intake', entityId: ids[0]! }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('flags a draft whose phone and address match an active order, in any spelling', async () => {
    const draft = await draftOf(POST.replace('Ленина 5', 'Ленина 9'));
    const created = await intake.confirm(draft.id, dispatcher);
    if (!created.ok || created.value.kind !== 'created') throw new Error('not created');

    const duplicate = await draftOf('Стиралка течет. Ленина ул. д. 9, кв. 3. 8 (900) 123-45-67');

    expect(duplicate.duplicateOrderId).toBe(created.value.order.id);
  });

  it('asks for a missing field and validates it as the dialog does', async () => {
    const draft = await draftOf('ПММ не моет, ул. Мира 3 кв 1, 89160000010');

    const needs = await intake.confirm(draft.id, dispatcher);
    expect(needs.ok && needs.value.kind === 'needs' && needs.value.field).toBe('clientName');
    const refused = await intake.setField(draft.id, 'clientName', '123', dispatcher);
    expect(refused.ok).toBe(false);
    const saved = await intake.setField(draft.id, 'clientName', 'Пётр', dispatcher);
    expect(saved.ok).toBe(true);
    const done = await intake.confirm(draft.id, dispatcher);
    expect(done.ok && done.value.kind).toBe('created');
  });

  it('refuses people who are not dispatchers or admins', async () => {
    const draft = await draftOf(POST.replace('Ленина 5', 'Ленина 11'));

    const refused = await intake.confirm(draft.id, stranger);

    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('expires undecided drafts once, with one notice to their group', async () => {
    const draft = await draftOf(POST.replace('Ленина 5', 'Ленина 13'));
    const later = new Date(draft.expiresAt.getTime() + 1000);

    const expired = await intake.expireDue(later);
    const again = await intake.expireDue(later);

    expect(expired.map((d) => d.id)).toContain(draft.id);
    expect(again.map((d) => d.id)).not.toContain(draft.id);
    expect(
      await app.dataSource
        .getRepository(Notification)
        .countBy({ dedupKey: `intake_draft_expired:${draft.id}` }),
    ).toBe(1);
    expect((await intake.confirm(draft.id, dispatcher)).ok).toBe(false);
  });
});
