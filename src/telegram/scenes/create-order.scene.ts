// One file, over 300 lines: the creation dialog's step table and the flow its steps share
// (paste, fix, duplicate check, the order's creation) read as one thing; its keyboards live
// in keyboards/create-order.keyboards.ts.
import { randomUUID } from 'node:crypto';
import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Action, Ctx, Scene } from 'nestjs-telegraf';
import { BusinessConfig } from '../../config/business-config';
import type { Environment } from '../../config/environment';
import { crashPoint } from '../../common/crash-point';
import { parseArrivalTime } from '../../orders/arrival-time.parser';
import {
  validateArrivalText,
  validateClientAddress,
  validateClientName,
  validateClientPhone,
  validateEquipmentType,
  validateNotes,
  validateProblem,
} from '../../orders/order-fields';
import { IntakeReader } from '../../intake/intake.reader';
import { OrderQueriesService } from '../../orders/order-queries.service';
import { OrdersService } from '../../orders/orders.service';
import { formatPhone } from '../../common/phone';
import { arrivalTexts } from '../../texts/ru/arrival';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import { AnyReason, reasonText } from '../../texts/ru/reasons';
import { actorOf, BotContext } from '../bot-context';
import { buttons, FIXABLE_STEPS } from '../buttons';
import { patternOf } from '../callback-data';
import { escapeHtml } from '../cards/html';
import {
  createdOrderKeyboard,
  duplicateKeyboard,
  equipmentTypeKeyboard,
  fixFieldKeyboard,
  knownClientKeyboard,
  summaryKeyboard,
} from '../keyboards/create-order.keyboards';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import { arrivalEcho, skipKeyboard } from '../replies';
import { askInDialog, askWithButtons } from './ask-in-dialog';
import { choiceOf, takeChoice } from './dialog-choice';
import { PastedOrder, pastedOrderOf } from './order-paste';
import { END, Go, leadApart, Parsed, StepDialog } from './step-dialog';

type Step =
  | 'type'
  | 'problem'
  | 'address'
  | 'name'
  | 'phone'
  | 'knownClient'
  | 'notes'
  | 'arrival'
  | 'duplicate'
  | 'confirm'
  | 'fix';

type FixableStep = (typeof FIXABLE_STEPS)[number];

export interface Draft {
  /** Keys the order: however often «✅ Подтвердить» arrives, one order is made. */
  draftId?: string;
  equipmentType?: string;
  problem?: string;
  clientAddress?: string;
  clientName?: string;
  clientPhone?: string;
  known?: { name: string; address: string; count: number; last: string };
  notes?: string | null;
  arrivalText?: string | null;
  arrivalEcho?: string | null;
  /** Started from a pasted or forwarded message: only what it lacked or got wrong is asked. */
  pasted?: boolean;
  /** What the message held that the dialog's validation refused, said when that step asks. */
  refused?: Partial<Record<Step, string>>;
  duplicateChecked?: boolean;
  duplicateOrderId?: number;
  /** A field chosen with «✏️ Исправить поле»: once it is answered, the summary again. */
  fixing?: boolean;
}

/** The fields an order needs, each with the step that asks for it. */
const REQUIRED_STEPS: [Step, keyof Draft][] = [
  ['type', 'equipmentType'],
  ['problem', 'problem'],
  ['address', 'clientAddress'],
  ['name', 'clientName'],
  ['phone', 'clientPhone'],
];

/** A step's answer as `OrdersService.create` names its field when it refuses one. */
const STEP_OF_FIELD: Record<string, FixableStep> = {
  equipmentType: 'type',
  problem: 'problem',
  clientAddress: 'address',
  clientName: 'name',
  clientPhone: 'phone',
  notes: 'notes',
  arrival: 'arrival',
};

/** A typed answer checked by a field validator or a use case: its value, or why it is refused. */
type Checked<T> = { ok: true; value: T } | ({ ok: false } & AnyReason);

/** A field check's result as a step's answer. */
const checked = <T>(result: Checked<T>): Parsed<T> =>
  result.ok ? result : { ok: false, problem: reasonText(result) };

/** «⏭️ Пропустить» pressed: the step's answer is null. */
const skipped = (ctx: BotContext) => (choiceOf(ctx) === 'skip' ? { value: null } : undefined);

/** A button of the dialog's own, pressed: `value` for its step. */
const pressedAs = <V>(
  button: { parse(ctx: BotContext): object | null },
  ctx: BotContext,
  value: V,
) => (button.parse(ctx) ? { value } : undefined);

/**
 * «➕ Создать заявку»: 7 steps, a client lookup by phone, a summary, one order per confirm.
 * Entered with a pasted or forwarded client's message (or given one at step 1), it starts
 * pre-filled and asks only what the message lacked (docs/intake.md, «One paste, one tap»).
 * A wrong answer is explained in a message of its own, then asked again.
 */
@Scene('create-order')
@BotHandlers()
export class CreateOrderScene extends StepDialog<'create-order', Step> {
  constructor(
    private readonly orders: OrdersService,
    private readonly queries: OrderQueriesService,
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
    private readonly reader: IntakeReader,
  ) {
    super();
  }

  protected scene = 'create-order' as const;
  protected first = 'type' as const;

  protected override start(ctx: BotContext, draft: Draft & { paste?: PastedOrder }) {
    draft.draftId = randomUUID();
    const { paste } = draft;
    delete draft.paste;
    return paste ? this.startFromPaste(ctx, draft, paste) : this.first;
  }

  protected steps = {
    // A pasted client's message, or the type a button names (undefined: no longer offered).
    type: this.step<PastedOrder | string | undefined>({
      ask: (ctx, draft, lead) =>
        leadApart(ctx, lead, () =>
          askWithButtons(
            ctx,
            this.questions(draft)?.type ?? t.step1,
            equipmentTypeKeyboard(this.business.equipmentTypes),
          ),
        ),
      // Step 1 takes a client's message as well as a button: the dialog goes on pre-filled.
      parse: (_text: string, _draft, ctx) => {
        const paste = pastedOrderOf(ctx, this.reader, this.zone());
        return paste ? { ok: true, value: paste } : { ok: false, problem: t.pickTypeWithButtons };
      },
      press: (ctx) => {
        const index = buttons.equipmentType.parse(ctx)?.index;
        return index === undefined ? undefined : { value: this.business.equipmentTypes[index] };
      },
      next: (ctx, draft, answer) => {
        if (answer === undefined) return { problem: '' };
        if (typeof answer !== 'string') return this.startFromPaste(ctx, draft, answer);
        draft.equipmentType = answer;
        return this.advance(draft, 'problem');
      },
    }),
    problem: this.step({
      ask: (ctx, draft, lead) =>
        leadApart(ctx, lead, () => askInDialog(ctx, this.questions(draft)?.problem ?? t.step2)),
      parse: (text: string) => checked(validateProblem(text)),
      next: (_ctx, draft, problem) => {
        draft.problem = problem;
        return this.advance(draft, 'address');
      },
    }),
    address: this.step({
      ask: (ctx, draft, lead) =>
        leadApart(ctx, lead, () => askInDialog(ctx, this.questions(draft)?.address ?? t.step3)),
      parse: (text: string) => checked(validateClientAddress(text)),
      next: (_ctx, draft, address) => {
        draft.clientAddress = address;
        return this.advance(draft, 'name');
      },
    }),
    name: this.step({
      ask: (ctx, draft, lead) =>
        leadApart(ctx, lead, () => askInDialog(ctx, this.questions(draft)?.name ?? t.step4)),
      parse: (text: string) => checked(validateClientName(text)),
      next: (_ctx, draft, name) => {
        draft.clientName = name;
        return this.advance(draft, 'phone');
      },
    }),
    phone: this.step({
      ask: (ctx, draft, lead) =>
        leadApart(ctx, lead, () => askInDialog(ctx, this.questions(draft)?.phone ?? t.step5)),
      parse: (text: string) => checked(validateClientPhone(text)),
      next: (_ctx, draft, phone) => {
        draft.clientPhone = phone;
        if (draft.pasted || draft.fixing) return this.advance(draft, 'notes');
        return this.lookUpClient(draft);
      },
    }),
    knownClient: this.step({
      ask: (ctx, draft, lead) => {
        const { known } = draft;
        if (!known) return this.go(ctx, draft, 'notes');
        return leadApart(ctx, lead, () =>
          askWithButtons(ctx, t.knownClient(known), knownClientKeyboard()),
        );
      },
      press: (ctx) =>
        pressedAs(buttons.useKnownClient, ctx, true) ??
        pressedAs(buttons.keepTypedClient, ctx, false),
      // Either way the dialog moves on: it never loops back to the same question.
      next: (_ctx, draft, useKnown: boolean) => {
        if (useKnown && draft.known) {
          draft.clientName = draft.known.name;
          draft.clientAddress = draft.known.address;
        }
        return 'notes';
      },
    }),
    notes: this.step({
      ask: (ctx, draft, lead) =>
        leadApart(ctx, lead, () =>
          askInDialog(ctx, this.questions(draft)?.notes ?? t.step6, skipKeyboard()),
        ),
      parse: (text: string) => checked(validateNotes(text)),
      press: skipped,
      next: (_ctx, draft, notes) => {
        draft.notes = notes;
        return this.advance(draft, 'arrival');
      },
    }),
    arrival: this.step({
      ask: (ctx, draft, lead) =>
        leadApart(ctx, lead, () =>
          askInDialog(ctx, this.questions(draft)?.arrival ?? t.step7, skipKeyboard()),
        ),
      parse: (text: string) => {
        const typed = validateArrivalText(text);
        if (!typed.ok) return { ok: false, problem: reasonText(typed) };
        // Nothing typed that counts: the question alone again.
        if (typed.value === null) return { ok: false, problem: '' };
        const parsed = parseArrivalTime(typed.value, new Date(), this.zone());
        if (parsed.kind === 'invalid') return { ok: false, problem: reasonText(parsed) };
        return { ok: true, value: { typed: typed.value, parsed } };
      },
      press: skipped,
      next: async (ctx, draft, arrival) => {
        if (arrival === null) {
          draft.arrivalText = null;
          return this.advance(draft, 'confirm');
        }
        const { typed, parsed } = arrival;
        draft.arrivalText = parsed.kind === 'time' ? typed : parsed.text;
        draft.arrivalEcho = parsed.kind === 'time' ? arrivalTexts.recognized(parsed.echo) : null;
        if (parsed.kind === 'time') await ctx.reply(arrivalEcho(parsed));
        return this.advance(draft, 'confirm');
      },
    }),
    duplicate: this.step({
      ask: (ctx, draft, lead) => {
        const orderId = draft.duplicateOrderId ?? 0;
        return leadApart(ctx, lead, () =>
          askWithButtons(ctx, t.duplicate(orderId), duplicateKeyboard(orderId)),
        );
      },
      press: (ctx) => pressedAs(buttons.createDuplicate, ctx, true),
      next: (_ctx, draft) => this.nextNeeded(draft),
    }),
    confirm: this.step({
      ask: (ctx, draft, lead) =>
        leadApart(ctx, lead, () =>
          askWithButtons(ctx, this.summary(draft), { parse_mode: 'HTML', ...summaryKeyboard() }),
        ),
      press: (ctx) =>
        pressedAs(buttons.fixField, ctx, 'fix' as const) ??
        (choiceOf(ctx) === 'confirm' ? { value: 'create' as const } : undefined),
      next: (ctx, draft, action) => (action === 'fix' ? 'fix' : this.create(ctx, draft)),
    }),
    fix: this.step({
      ask: (ctx, _draft, lead) =>
        leadApart(ctx, lead, () => askWithButtons(ctx, t.pickField, fixFieldKeyboard())),
      press: (ctx) => {
        const step = buttons.pickFixField.parse(ctx)?.step;
        return step ? { value: step } : undefined;
      },
      next: (_ctx, draft, step) => this.fix(draft, step),
    }),
  };

  /**
   * Every button of the dialog: «❌ Отмена» leaves it; a button the current step takes answers
   * it; a button of an earlier step (its keyboard is gone) gets the current question again.
   */
  @Action(
    patternOf(
      buttons.choice,
      buttons.equipmentType,
      buttons.useKnownClient,
      buttons.keepTypedClient,
      buttons.createDuplicate,
      buttons.fixField,
      buttons.pickFixField,
    ),
  )
  async onButton(@Ctx() ctx: BotContext) {
    const draft = this.state(ctx);
    const choice = await takeChoice(ctx, () =>
      ctx.reply(botTexts.cancelled, mainMenu(actorOf(ctx).roles)),
    );
    if (choice === null) return;
    const current = this.steps[draft.step];
    const pressed = current.press?.(ctx, draft);
    if (!pressed) return current.ask(ctx, draft);
    return this.answer(ctx, draft, pressed.value);
  }

  /**
   * Each step entered says so to the crash hook, and asks with the reason a pasted value of
   * it was refused, if one was.
   */
  protected override go(ctx: BotContext, draft: Draft & { step: Step }, go: Go<Step>) {
    if (typeof go !== 'string') return super.go(ctx, draft, go);
    crashPoint(`create_order:${go}`);
    const refused = draft.refused?.[go];
    if (!refused) return super.go(ctx, draft, go);
    delete draft.refused![go];
    return super.go(ctx, draft, { to: go, lead: refused });
  }

  /** After a paste the questions are few: numbering them «Шаг N/7» would mislead. */
  private questions(draft: Draft) {
    return draft.pasted ? t.questions : undefined;
  }

  /**
   * Fills the draft with what the message holds, each field checked by the dialog's own
   * validation (a refused one is asked, with the reason), says what it understood and asks
   * for the first thing missing.
   */
  private async startFromPaste(ctx: BotContext, draft: Draft, paste: PastedOrder) {
    draft.pasted = true;
    draft.refused = {};
    draft.duplicateChecked = false;
    const take = <T>(step: Step, value: string | null, check: (text: string) => Checked<T>) => {
      if (value === null) return undefined;
      const result = check(value);
      if (result.ok) return result.value;
      draft.refused![step] = reasonText(result);
      return undefined;
    };
    const types = this.business.equipmentTypes;
    draft.equipmentType = take('type', paste.equipmentType, (v) => validateEquipmentType(v, types));
    draft.problem = take('problem', paste.problem, validateProblem);
    draft.clientAddress = take('address', paste.clientAddress, validateClientAddress);
    draft.clientName = take('name', paste.clientName, validateClientName);
    draft.clientPhone = take('phone', paste.clientPhone, validateClientPhone);
    draft.notes = take('notes', paste.notes, validateNotes) ?? null;
    draft.arrivalText = take('arrival', paste.arrivalText, (v) => this.arrivalOf(v)) ?? null;
    await ctx.reply(this.understood(draft), { parse_mode: 'HTML' });
    return this.nextNeeded(draft);
  }

  /** The arrival answer as the order will store it, or the reason it is refused. */
  private arrivalOf(text: string): Checked<string | null> {
    const arrival = this.orders.arrivalOf(text);
    return arrival.ok ? { ok: true, value: arrival.value.arrivalText } : arrival;
  }

  /** «🔧 Стиральные машины · 📍 ул. Ленина, д. 5, кв. 3 · 📞 +7 900 123-45-67 · 🕐 …» */
  private understood(d: Draft): string {
    const parts: [string, string | null | undefined][] = [
      ['🔧', d.equipmentType],
      ['📝', d.problem],
      ['📍', d.clientAddress],
      ['👤', d.clientName],
      ['📞', d.clientPhone && formatPhone(d.clientPhone)],
      ['🕐', d.arrivalText],
    ];
    return t.pasteUnderstood(
      parts.filter(([, value]) => value).map(([icon, value]) => `${icon} ${escapeHtml(value!)}`),
    );
  }

  /**
   * After a paste: an active order with the same phone and address is warned about first,
   * then each missing or refused field is asked, then the summary.
   */
  private async nextNeeded(draft: Draft): Promise<Step> {
    draft.fixing = false;
    if (draft.clientPhone && draft.clientAddress && !draft.duplicateChecked) {
      draft.duplicateChecked = true;
      const duplicate = await this.queries.findActiveDuplicate(
        draft.clientPhone,
        draft.clientAddress,
      );
      if (duplicate !== null) {
        draft.duplicateOrderId = duplicate;
        return 'duplicate';
      }
    }
    const missing = REQUIRED_STEPS.find(([, key]) => !draft[key])?.[0];
    return missing ?? (draft.refused?.arrival ? 'arrival' : 'confirm');
  }

  /** The step after an answer: the next one, the summary when fixing, or what a paste lacks. */
  private advance(draft: Draft, next: Step): Step | Promise<Step> {
    if (draft.pasted) return this.nextNeeded(draft);
    const fixing = draft.fixing;
    draft.fixing = false;
    return fixing ? 'confirm' : next;
  }

  /** «✏️ Исправить поле» → a field: its question, then the summary again. */
  private fix(draft: Draft, step: FixableStep | 'confirm'): Step {
    if (step === 'confirm') return 'confirm';
    draft.fixing = true;
    // A new phone or address may match another active order.
    if (step === 'phone' || step === 'address') draft.duplicateChecked = false;
    return step;
  }

  private async lookUpClient(draft: Draft): Promise<Step> {
    const history = await this.queries.clientHistory(draft.clientPhone as string);
    if (!history.lastOrder) return 'notes';
    const last = history.lastOrder;
    draft.known = {
      name: last.clientName,
      address: last.clientAddress,
      count: history.orderCount,
      last: `#${last.id} — ${last.equipmentType}`,
    };
    return 'knownClient';
  }

  private async create(ctx: BotContext, draft: Draft): Promise<Go<Step>> {
    // Keyed by the draft: a press delivered again after a crash gets the order already made.
    crashPoint('before_order_insert');
    const outcome = await this.orders.create(
      {
        equipmentType: draft.equipmentType ?? '',
        problem: draft.problem ?? '',
        clientAddress: draft.clientAddress ?? '',
        clientName: draft.clientName ?? '',
        clientPhone: draft.clientPhone ?? '',
        notes: draft.notes ?? null,
        arrivalText: draft.arrivalText ?? null,
        creationKey: draft.draftId,
      },
      actorOf(ctx),
    );
    crashPoint('after_order_insert');
    // A field refused now (an arrival time that has passed meanwhile) is asked again.
    const refusedStep =
      !outcome.ok && outcome.code === 'invalid' && STEP_OF_FIELD[outcome.field ?? ''];
    if (!outcome.ok && refusedStep) {
      draft.fixing = true;
      draft.refused = { ...draft.refused, [refusedStep]: reasonText(outcome) };
      return refusedStep;
    }
    await ctx.scene.leave();
    if (!outcome.ok) {
      await ctx.reply(reasonText(outcome), mainMenu(actorOf(ctx).roles));
      return END;
    }
    const orderId = outcome.value.id;
    await ctx.reply(t.created(orderId), createdOrderKeyboard(orderId, outcome.value.version));
    return END;
  }

  private zone(): string {
    return this.config.get('TZ', { infer: true });
  }

  private summary(d: Draft): string {
    return [
      t.checkOrder,
      `🔧 ${escapeHtml(d.equipmentType ?? '')}`,
      `📝 ${escapeHtml(d.problem ?? '')}`,
      `📍 ${escapeHtml(d.clientAddress ?? '')}`,
      `👤 ${escapeHtml(d.clientName ?? '')}`,
      `📞 ${d.clientPhone ?? ''}`,
      `🗒 ${escapeHtml(d.notes ?? '—')}`,
      `🕐 ${escapeHtml(d.arrivalText ?? '—')}`,
    ].join('\n');
  }
}
