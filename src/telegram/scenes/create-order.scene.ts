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
  validateArrivalText,
  validateClientAddress,
  validateClientName,
  validateClientPhone,
  validateNotes,
  validateProblem,
} from '../../orders/order-fields';
import { OrderQueriesService } from '../../orders/order-queries.service';
import { OrdersService } from '../../orders/orders.service';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import { masterTexts } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { callback, orderCallback } from '../callback-data';
import { escapeHtml } from '../cards/html';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import { arrivalEcho, confirmKeyboard, skipKeyboard, textOf } from '../replies';
import { askInDialog, askWithButtons } from './ask-in-dialog';
import { choiceOf, dialogState } from './dialog-state';

type Step =
  | 'type'
  | 'problem'
  | 'address'
  | 'name'
  | 'phone'
  | 'knownClient'
  | 'notes'
  | 'arrival'
  | 'confirm';

interface Draft {
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
}

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

/** «➕ Создать заявку»: 7 steps, a client lookup by phone, a summary, one order per confirm. */
@Scene('create-order')
@BotHandlers()
export class CreateOrderScene {
  constructor(
    private readonly orders: OrdersService,
    private readonly queries: OrderQueriesService,
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    const draft = dialogState<Draft>(ctx);
    draft.step = 'type';
    draft.draftId = randomUUID();
    await this.ask(ctx, 'type');
  }

  @On('text')
  async onText(@Ctx() ctx: BotContext) {
    const draft = dialogState<Draft>(ctx);
    const text = textOf(ctx) ?? '';
    const field = FIELD_STEPS[draft.step];
    if (field) {
      const result = field.validate(text);
      if (!result.ok) return this.again(ctx, draft.step, result.message);
      Object.assign(draft, { [field.key]: result.value });
      return this.goTo(ctx, draft, field.next);
    }
    switch (draft.step) {
      case 'phone': {
        const phone = validateClientPhone(text);
        if (!phone.ok) return this.again(ctx, 'phone', phone.message);
        draft.clientPhone = phone.value;
        return this.lookUpClient(ctx, draft);
      }
      case 'notes': {
        const notes = validateNotes(text);
        if (!notes.ok) return this.again(ctx, 'notes', notes.message);
        draft.notes = notes.value;
        return this.goTo(ctx, draft, 'arrival');
      }
      case 'arrival': {
        const typed = validateArrivalText(text);
        if (!typed.ok) return this.again(ctx, 'arrival', typed.message);
        if (typed.value === null) return this.again(ctx, 'arrival');
        const parsed = parseArrivalTime(
          typed.value,
          new Date(),
          this.config.get('TZ', { infer: true }),
        );
        if (parsed.kind === 'invalid') return this.again(ctx, 'arrival', parsed.message);
        draft.arrivalText = parsed.kind === 'time' ? typed.value : parsed.text;
        draft.arrivalEcho = parsed.kind === 'time' ? parsed.echo : null;
        if (parsed.kind === 'time') await ctx.reply(arrivalEcho(parsed));
        return this.goTo(ctx, draft, 'confirm');
      }
      default:
        // The buttons may be gone (pressed before a crash): the question comes with them again.
        return this.again(
          ctx,
          draft.step,
          draft.step === 'type' ? t.pickTypeWithButtons : masterTexts.answerWithButtons,
        );
    }
  }

  @Action(/^(ct|d):/)
  async onButton(@Ctx() ctx: BotContext) {
    const draft = dialogState<Draft>(ctx);
    const data = ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    const choice = choiceOf(ctx);
    if (choice === 'cancel') {
      await ctx.scene.leave();
      return ctx.reply(botTexts.cancelled, mainMenu(actorOf(ctx).roles));
    }
    if (draft.step === 'type' && data.startsWith('ct:type:')) {
      const type = this.business.equipmentTypes[Number(data.split(':')[2])];
      if (!type) return this.ask(ctx, 'type');
      draft.equipmentType = type;
      return this.goTo(ctx, draft, 'problem');
    }
    if (draft.step === 'knownClient' && (data === 'ct:useclient' || data === 'ct:keep')) {
      // Either way the dialog moves on: it never loops back to the same question.
      if (data === 'ct:useclient' && draft.known) {
        draft.clientName = draft.known.name;
        draft.clientAddress = draft.known.address;
      }
      return this.goTo(ctx, draft, 'notes');
    }
    if (choice === 'skip' && draft.step === 'notes') {
      draft.notes = null;
      return this.goTo(ctx, draft, 'arrival');
    }
    if (choice === 'skip' && draft.step === 'arrival') {
      draft.arrivalText = null;
      return this.goTo(ctx, draft, 'confirm');
    }
    if (choice === 'confirm' && draft.step === 'confirm') return this.create(ctx, draft);
    // A button of an earlier step: its keyboard is gone, so the current question comes again.
    return this.ask(ctx, draft.step);
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
    await ctx.scene.leave();
    if (!outcome.ok) return ctx.reply(outcome.message, mainMenu(actorOf(ctx).roles));
    const orderId = outcome.value.id;
    return ctx.reply(
      t.created(orderId),
      Markup.inlineKeyboard([
        [
          Markup.button.callback(
            t.assignMaster,
            orderCallback('assign', orderId, outcome.value.version),
          ),
        ],
        [Markup.button.callback(t.viewOrder, orderCallback('card', orderId))],
      ]),
    );
  }

  private goTo(ctx: BotContext, draft: Draft, step: Step) {
    draft.step = step;
    crashPoint(`create_order:${step}`);
    return this.ask(ctx, step);
  }

  private async again(ctx: BotContext, step: Step, problem?: string) {
    if (problem) await ctx.reply(problem);
    return this.ask(ctx, step);
  }

  private ask(ctx: BotContext, step: Step): Promise<unknown> {
    switch (step) {
      case 'type':
        return askWithButtons(
          ctx,
          t.step1,
          Markup.inlineKeyboard([
            ...this.business.equipmentTypes.map((type, i) => [
              Markup.button.callback(type, callback('ct', 'type', i)),
            ]),
            [Markup.button.callback(botTexts.buttons.cancel, callback('d', 'cancel'))],
          ]),
        );
      case 'problem':
        return askInDialog(ctx, t.step2);
      case 'address':
        return askInDialog(ctx, t.step3);
      case 'name':
        return askInDialog(ctx, t.step4);
      case 'phone':
        return askInDialog(ctx, t.step5);
      case 'notes':
        return askInDialog(ctx, t.step6, skipKeyboard());
      case 'arrival':
        return askInDialog(ctx, t.step7, skipKeyboard());
      case 'knownClient': {
        const draft = dialogState<Draft>(ctx);
        if (!draft.known) return this.goTo(ctx, draft, 'notes');
        const { known } = draft;
        return askWithButtons(
          ctx,
          t.knownClient(known),
          Markup.inlineKeyboard([
            [
              Markup.button.callback(t.useClient, 'ct:useclient'),
              Markup.button.callback(t.keepTyped, 'ct:keep'),
            ],
          ]),
        );
      }
      default:
        return askWithButtons(ctx, this.summary(dialogState<Draft>(ctx)), {
          parse_mode: 'HTML',
          ...confirmKeyboard(),
        });
    }
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
