import { DRAFT_FIELDS } from '../intake/intake.service';
import { buttons } from './buttons';

type Samples = { [K in keyof typeof buttons]: Parameters<(typeof buttons)[K]['build']> };

const ID = 9_999_999_999;

/** The widest arguments of each button: every declared button must be here (it compiles so). */
const SAMPLES: Samples = {
  masterAction: [{ action: 'backonsite', orderId: ID, version: ID }],
  orderCard: [{ action: 'card', orderId: ID }],
  assignPicker: [{ action: 'reassign', orderId: ID, version: ID }],
  directAction: [{ action: 'unassign', orderId: ID, version: ID }],
  orderDialog: [{ action: 'cancel', orderId: ID, version: ID }],
  listMenu: [],
  listFilter: [{ status: 'ASSIGNED', page: 999_999 }],
  pickMaster: [{ pick: 'repick', masterId: ID, orderId: ID, version: ID }],
  pickerPage: [{ pick: 'repick', orderId: ID, version: ID, page: 999_999 }],
  masterWithoutGroup: [],
  mastersList: [],
  mastersPage: [{ page: 999_999 }],
  addMaster: [],
  masterCard: [{ masterId: ID }],
  masterGroup: [{ masterId: ID }],
  masterToggle: [{ setting: 'active', masterId: ID, on: false }],
  masterStats: [{ masterId: ID }],
  masterDialog: [{ dialog: 'spec', masterId: ID }],
  myOrders: [],
  myOrdersPage: [{ page: 999_999 }],
  myOrderCard: [{ orderId: ID }],
  confirmDelete: [{ orderId: ID, version: ID }],
  keepOrder: [],
  usersPage: [{ page: 999_999 }],
  outboxPage: [{ page: 999_999 }],
  createFromDraft: [{ draftId: ID }],
  rejectDraft: [{ draftId: ID }],
  draftFieldPicker: [{ show: 'back', draftId: ID }],
  fixDraftField: [{ draftId: ID, field: DRAFT_FIELDS[DRAFT_FIELDS.length - 1] }],
  activeReport: [],
  reportPeriods: [{ kind: 'sum', report: 'monthly' }],
  report: [{ kind: 'ms', preset: 'previous_month' }],
  pickReportPeriod: [{ kind: 'sum' }],
  searchPage: [{ page: 999_999 }],
  choice: [{ choice: 'confirm' }],
  equipmentType: [{ index: 99 }],
  useKnownClient: [],
  keepTypedClient: [],
  createDuplicate: [],
  fixField: [],
  pickFixField: [{ step: 'confirm' }],
  editField: [{ field: 'drExpectedDate' }],
};

type AnyButton = {
  pattern: RegExp;
  build(...args: unknown[]): string;
  decode(data: string | undefined): unknown;
};
const declared = Object.entries(buttons) as [string, AnyButton][];
const built = declared.map(([name, b]) => ({
  name,
  args: SAMPLES[name as keyof Samples][0] ?? {},
  data: b.build(...SAMPLES[name as keyof Samples]),
}));

describe('buttons', () => {
  it.each(built)('$name round-trips within 64 bytes', ({ name, args, data }) => {
    const b = buttons[name as keyof typeof buttons] as AnyButton;
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(b.pattern.test(data)).toBe(true);
    expect(b.decode(data)).toEqual(args);
  });

  it('matches every button by exactly one declaration, so one handler takes a press', () => {
    for (const { name, data } of built) {
      expect(declared.filter(([, b]) => b.pattern.test(data)).map(([n]) => n)).toEqual([name]);
    }
  });

  it('keeps the data already in chats byte for byte', () => {
    expect(buttons.masterAction.build({ action: 'accept', orderId: 15, version: 3 })).toBe(
      'o:accept:15:3',
    );
    expect(buttons.orderCard.build({ action: 'card', orderId: 7 })).toBe('o:card:7');
    expect(buttons.pickMaster.build({ pick: 'pick', masterId: 12, orderId: 5, version: 2 })).toBe(
      'm:pick:12:5:2',
    );
    expect(buttons.pickerPage.build({ pick: 'repick', orderId: 5, version: 2, page: 1 })).toBe(
      'm:page:repick:5:2:1',
    );
    expect(buttons.masterToggle.build({ setting: 'senior', masterId: 3, on: true })).toBe(
      'am:senior:3:1',
    );
    expect(buttons.masterDialog.build({ dialog: 'spec', masterId: 3 })).toBe('am:spec:3');
    expect(buttons.listFilter.build({ status: 'NEW', page: 0 })).toBe('l:f:NEW:0');
    expect(buttons.fixDraftField.build({ draftId: 7, field: 'clientPhone' })).toBe(
      `in:f:7:${DRAFT_FIELDS.indexOf('clientPhone')}`,
    );
    expect(buttons.reportPeriods.build({ kind: 'ms', report: 'masters' })).toBe(
      'rp:periods:ms:masters',
    );
    expect(buttons.report.build({ kind: 'sum', preset: 'this_week' })).toBe('rp:sum:this_week');
    expect(buttons.choice.build({ choice: 'cancel' })).toBe('d:cancel');
    expect(buttons.equipmentType.build({ index: 2 })).toBe('ct:type:2');
    expect(buttons.pickFixField.build({ step: 'confirm' })).toBe('ct:f:confirm');
    expect(buttons.editField.build({ field: 'arrival' })).toBe('ef:arrival');
    expect(buttons.keepOrder.build()).toBe('ad:keep');
  });

  it.each([
    undefined,
    '',
    'nothing',
    'in:ok:x',
    'in:f:7:9',
    'in:f:7',
    'in:ok:12345678901',
    'o:card:0',
    'o:launch:1',
    'am:card:-1',
    'am:senior:3:2',
    'l:f:GONE:0',
    'rp:sum:yesterweek',
    'd:maybe',
    'ef:price',
    'ct:f:price',
    'mo:p:1234567',
    `am:card:${'1'.repeat(70)}`,
  ])('refuses the foreign or garbled data %p', (data) => {
    for (const [, b] of declared) expect(b.decode(data)).toBeNull();
  });
});
