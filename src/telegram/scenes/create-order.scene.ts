import { randomUUID } from 'node:crypto';
import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import { Markup } from 'telegraf';
import { BusinessConfig } from '../../config/business-config';
import type { Environment } from '../../config/environment';
import { crashPoint } from '../../common/crash-point';
import { parseArrivalTime } from '../../orders/arrival-time.parser';
import {
  FieldResult,
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
import { formatPhone } from '../../orders/phone';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import { masterTexts } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { buttons, FIXABLE_STEPS } from '../buttons';
import { patternOf } from '../callback-data';
import { escapeHtml } from '../cards/html';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import { arrivalEcho, dialogChoice, skipKeyboard, textOf } from '../replies';
import { askInDialog, askWithButtons } from './ask-in-dialog';
import { choiceOf } from './dialog-choice';
import { sceneState } from './scene-registry';
import { PastedOrder, pastedOrderOf } from './order-paste';

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
  step: Step;
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

const FIELD_STEPS: Partial<
  Record<
    Step,
    {
      validate: (text: string) => { ok: boolean; message?: string; value?: unknown };
      key: keyof Draft;
      next: Step;
    }
  >
> = {
  problem: { validate: validateProblem, key: 'problem', next: 'address' },
  address: { validate: validateClientAddress, key: 'clientAddress', next: 'name' },
  name: { validate: validateClientName, key: 'clientName', next: 'phone' },
};

/**
 * «➕ Создать заявку»: 7 steps, a client lookup by phone, a summary, one order per confirm.
 * Entered with a pasted or forwarded client's message (or given one at step 1), it starts
 * pre-filled and asks only what the message lacked (docs/intake.md, «One paste, one tap»).
 */
@Scene('create-order')
@BotHandlers()
export class CreateOrderScene {
  constructor(
    private readonly orders: OrdersService,
    private readonly queries: OrderQueriesService,
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
    private readonly reader: IntakeReader,
  ) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    const draft = sceneState(ctx, 'create-order');
    draft.step = 'type';
    draft.draftId = randomUUID();
    const { paste } = draft;
    delete draft.paste;
    if (paste) return this.startFromPaste(ctx, draft, paste);
    await this.ask(ctx, 'type');
  }

  @On('text')
  async onText(@Ctx() ctx: BotContext) {
    const draft = sceneState(ctx, 'create-order');
    const text = textOf(ctx) ?? '';
    const field = FIELD_STEPS[draft.step];
    if (field) {
      const result = field.validate(text);
      if (!result.ok) return this.again(ctx, draft.step, result.message);
      Object.assign(draft, { [field.key]: result.value });
      return this.advance(ctx, draft, field.next);
    }
    switch (draft.step) {
      case 'type': {
        // Step 1 takes a client's message as well as a button: the dialog goes on pre-filled.
        const paste = pastedOrderOf(ctx, this.reader, this.zone());
        if (paste) return this.startFromPaste(ctx, draft, paste);
        return this.again(ctx, 'type', t.pickTypeWithButtons);
      }
      case 'phone': {
        const phone = validateClientPhone(text);
        if (!phone.ok) return this.again(ctx, 'phone', phone.message);
        draft.clientPhone = phone.value;
        if (draft.pasted || draft.fixing) return this.advance(ctx, draft, 'notes');
        return this.lookUpClient(ctx, draft);
      }
      case 'notes': {
        const notes = validateNotes(text);
        if (!notes.ok) return this.again(ctx, 'notes', notes.message);
        draft.notes = notes.value;
        return this.advance(ctx, draft, 'arrival');
      }
      case 'arrival': {
        const typed = validateArrivalText(text);
        if (!typed.ok) return this.again(ctx, 'arrival', typed.message);
        if (typed.value === null) return this.again(ctx, 'arrival');
        const parsed = parseArrivalTime(typed.value, new Date(), this.zone());
        if (parsed.kind === 'invalid') return this.again(ctx, 'arrival', parsed.message);
        draft.arrivalText = parsed.kind === 'time' ? typed.value : parsed.text;
        draft.arrivalEcho = parsed.kind === 'time' ? parsed.echo : null;
        if (parsed.kind === 'time') await ctx.reply(arrivalEcho(parsed));
        return this.advance(ctx, draft, 'confirm');
      }
      default:
        // The buttons may be gone (pressed before a crash): the question comes with them again.
        return this.again(ctx, draft.step, masterTexts.answerWithButtons);
    }
  }

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
    const draft = sceneState(ctx, 'create-order');
    const pressed = (button: { parse(ctx: BotContext): object | null }) => !!button.parse(ctx);
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    const choice = choiceOf(ctx);
    if (choice === 'cancel') {
      await ctx.scene.leave();
      return ctx.reply(botTexts.cancelled, mainMenu(actorOf(ctx).roles));
    }
    const typeButton = buttons.equipmentType.parse(ctx);
    if (draft.step === 'type' && typeButton) {
      const type = this.business.equipmentTypes[typeButton.index];
      if (!type) return this.ask(ctx, 'type');
      draft.equipmentType = type;
      return this.advance(ctx, draft, 'problem');
    }
    const useKnown = pressed(buttons.useKnownClient);
    if (draft.step === 'knownClient' && (useKnown || pressed(buttons.keepTypedClient))) {
      // Either way the dialog moves on: it never loops back to the same question.
      if (useKnown && draft.known) {
        draft.clientName = draft.known.name;
        draft.clientAddress = draft.known.address;
      }
      return this.goTo(ctx, draft, 'notes');
    }
    if (choice === 'skip' && draft.step === 'notes') {
      draft.notes = null;
      return this.advance(ctx, draft, 'arrival');
    }
    if (choice === 'skip' && draft.step === 'arrival') {
      draft.arrivalText = null;
      return this.advance(ctx, draft, 'confirm');
    }
    if (draft.step === 'duplicate' && pressed(buttons.createDuplicate))
      return this.nextNeeded(ctx, draft);
    if (draft.step === 'confirm' && pressed(buttons.fixField)) return this.goTo(ctx, draft, 'fix');
    const fixButton = buttons.pickFixField.parse(ctx);
    if (draft.step === 'fix' && fixButton) return this.fix(ctx, draft, fixButton.step);
    if (choice === 'confirm' && draft.step === 'confirm') return this.create(ctx, draft);
    // A button of an earlier step: its keyboard is gone, so the current question comes again.
    return this.ask(ctx, draft.step);
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
    const take = <T>(step: Step, value: string | null, check: (text: string) => FieldResult<T>) => {
      if (value === null) return undefined;
      const result = check(value);
      if (result.ok) return result.value;
      draft.refused![step] = result.message;
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
    return this.nextNeeded(ctx, draft);
  }

  /** The arrival answer as the order will store it, or the reason it is refused. */
  private arrivalOf(text: string): FieldResult<string | null> {
    const arrival = this.orders.arrivalOf(text);
    return arrival.ok
      ? { ok: true, value: arrival.value.arrivalText }
      : { ok: false, message: arrival.message };
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
  private async nextNeeded(ctx: BotContext, draft: Draft) {
    draft.fixing = false;
    if (draft.clientPhone && draft.clientAddress && !draft.duplicateChecked) {
      draft.duplicateChecked = true;
      const duplicate = await this.queries.findActiveDuplicate(
        draft.clientPhone,
        draft.clientAddress,
      );
      if (duplicate !== null) {
        draft.duplicateOrderId = duplicate;
        return this.goTo(ctx, draft, 'duplicate');
      }
    }
    const missing = REQUIRED_STEPS.find(([, key]) => !draft[key])?.[0];
    return this.goTo(ctx, draft, missing ?? (draft.refused?.arrival ? 'arrival' : 'confirm'));
  }

  /** The step after an answer: the next one, the summary when fixing, or what a paste lacks. */
  private advance(ctx: BotContext, draft: Draft, next: Step) {
    if (draft.pasted) return this.nextNeeded(ctx, draft);
    const fixing = draft.fixing;
    draft.fixing = false;
    return this.goTo(ctx, draft, fixing ? 'confirm' : next);
  }

  /** «✏️ Исправить поле» → a field: its question, then the summary again. */
  private fix(ctx: BotContext, draft: Draft, step: FixableStep | 'confirm') {
    if (step === 'confirm') return this.goTo(ctx, draft, 'confirm');
    draft.fixing = true;
    // A new phone or address may match another active order.
    if (step === 'phone' || step === 'address') draft.duplicateChecked = false;
    return this.goTo(ctx, draft, step);
  }

  private async lookUpClient(ctx: BotContext, draft: Draft) {
    const history = await this.queries.clientHistory(draft.clientPhone as string);
    if (!history.lastOrder) return this.goTo(ctx, draft, 'notes');
    const last = history.lastOrder;
    draft.known = {
      name: last.clientName,
      address: last.clientAddress,
      count: history.orderCount,
      last: `#${last.id} — ${last.equipmentType}`,
    };
    return this.goTo(ctx, draft, 'knownClient');
  }

  private async create(ctx: BotContext, draft: Draft) {
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
      draft.refused = { ...draft.refused, [refusedStep]: outcome.message };
      return this.goTo(ctx, draft, refusedStep);
    }
    await ctx.scene.leave();
    if (!outcome.ok) return ctx.reply(outcome.message, mainMenu(actorOf(ctx).roles));
    const orderId = outcome.value.id;
    return ctx.reply(
      t.created(orderId),
      Markup.inlineKeyboard([
        [
          Markup.button.callback(
            t.assignMaster,
            buttons.assignPicker.build({
              action: 'assign',
              orderId,
              version: outcome.value.version,
            }),
          ),
        ],
        [Markup.button.callback(t.viewOrder, buttons.orderCard.build({ action: 'card', orderId }))],
      ]),
    );
  }

  private goTo(ctx: BotContext, draft: Draft, step: Step) {
    draft.step = step;
    crashPoint(`create_order:${step}`);
    const refused = draft.refused?.[step];
    if (!refused) return this.ask(ctx, step);
    delete draft.refused![step];
    return this.again(ctx, step, refused);
  }

  private async again(ctx: BotContext, step: Step, problem?: string) {
    if (problem) await ctx.reply(problem);
    return this.ask(ctx, step);
  }

  private ask(ctx: BotContext, step: Step): Promise<unknown> {
    const draft = sceneState(ctx, 'create-order');
    // After a paste the questions are few: numbering them «Шаг N/7» would mislead.
    const q = draft.pasted ? t.questions : undefined;
    switch (step) {
      case 'type':
        return askWithButtons(
          ctx,
          q?.type ?? t.step1,
          Markup.inlineKeyboard([
            ...this.business.equipmentTypes.map((type, i) => [
              Markup.button.callback(type, buttons.equipmentType.build({ index: i })),
            ]),
            [Markup.button.callback(botTexts.buttons.cancel, dialogChoice('cancel'))],
          ]),
        );
      case 'problem':
        return askInDialog(ctx, q?.problem ?? t.step2);
      case 'address':
        return askInDialog(ctx, q?.address ?? t.step3);
      case 'name':
        return askInDialog(ctx, q?.name ?? t.step4);
      case 'phone':
        return askInDialog(ctx, q?.phone ?? t.step5);
      case 'notes':
        return askInDialog(ctx, q?.notes ?? t.step6, skipKeyboard());
      case 'arrival':
        return askInDialog(ctx, q?.arrival ?? t.step7, skipKeyboard());
      case 'knownClient': {
        if (!draft.known) return this.goTo(ctx, draft, 'notes');
        const { known } = draft;
        return askWithButtons(
          ctx,
          t.knownClient(known),
          Markup.inlineKeyboard([
            [
              Markup.button.callback(t.useClient, buttons.useKnownClient.build()),
              Markup.button.callback(t.keepTyped, buttons.keepTypedClient.build()),
            ],
          ]),
        );
      }
      case 'duplicate': {
        const orderId = draft.duplicateOrderId ?? 0;
        return askWithButtons(
          ctx,
          t.duplicate(orderId),
          Markup.inlineKeyboard([
            [Markup.button.callback(t.createAnyway, buttons.createDuplicate.build())],
            [
              Markup.button.callback(
                t.openOrder(orderId),
                buttons.orderCard.build({ action: 'card', orderId }),
              ),
            ],
            [Markup.button.callback(botTexts.buttons.cancel, dialogChoice('cancel'))],
          ]),
        );
      }
      case 'fix':
        return askWithButtons(
          ctx,
          t.pickField,
          Markup.inlineKeyboard([
            ...FIXABLE_STEPS.map((field) => [
              Markup.button.callback(
                t.fieldButtons[field],
                buttons.pickFixField.build({ step: field }),
              ),
            ]),
            [
              Markup.button.callback(
                botTexts.buttons.back,
                buttons.pickFixField.build({ step: 'confirm' }),
              ),
            ],
          ]),
        );
      default:
        return askWithButtons(ctx, this.summary(draft), {
          parse_mode: 'HTML',
          ...Markup.inlineKeyboard([
            [Markup.button.callback(masterTexts.confirm, dialogChoice('confirm'))],
            [
              Markup.button.callback(t.fixField, buttons.fixField.build()),
              Markup.button.callback(botTexts.buttons.cancel, dialogChoice('cancel')),
            ],
          ]),
        });
    }
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
