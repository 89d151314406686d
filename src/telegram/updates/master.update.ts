import { ConfigService } from '@nestjs/config';
import { DateTime } from 'luxon';
import { Action, Ctx, Hears, Update } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { OrderQueriesService } from '../../orders/order-queries.service';
import type { Period } from '../../orders/order-statistics.service';
import { OrderStatisticsService } from '../../orders/order-statistics.service';
import type { OrderStatus } from '../../orders/order-status';
import type { Order } from '../../orders/order.entity';
import { masterMenuTexts as t } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import { STATUS_LABELS } from '../../texts/ru/orders';
import { MastersService } from '../../users/masters.service';
import { ROLES } from '../../users/role';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { Roles } from '../guards/roles.decorator';
import {
  callbackNumbers,
  masterOrderCardKeyboard,
  myOrdersKeyboard,
} from '../keyboards/admin.keyboards';
import { formatIsoDate } from '../cards/order-times';
import { mainMenu } from '../keyboards/main-menu.keyboard';

/** The order in which «📋 Мои заявки» groups the work: what needs the master first. */
const MY_ORDER_GROUPS: readonly OrderStatus[] = ['ASSIGNED', 'ACCEPTED', 'ONSITE', 'DR'];

/** FEATURES.md §2.3: the master sees the client's phone once on site, and from then on. */
const PHONE_VISIBLE: readonly OrderStatus[] = ['ONSITE', 'DR', 'CLOSED'];

/** This calendar month in the business time zone, as a half-open period and its Russian name. */
export function currentMonth(zone: string, now = new Date()): { period: Period; name: string } {
  const start = DateTime.fromJSDate(now, { zone }).startOf('month');
  return {
    period: { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() },
    name: start.setLocale('ru').toFormat('LLLL yyyy'),
  };
}

const dataOf = (ctx: BotContext) =>
  ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;

/**
 * The master's private menu (FEATURES.md §4.3). The card's action buttons are the same
 * `o:<action>:<id>:<version>` as in the work group, handled by `WorkGroupUpdate`.
 */
@Update()
@BotHandlers()
export class MasterUpdate {
  constructor(
    private readonly queries: OrderQueriesService,
    private readonly statistics: OrderStatisticsService,
    private readonly masters: MastersService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Hears(botTexts.buttons.myOrders)
  @Roles('MASTER')
  async onMyOrders(@Ctx() ctx: BotContext) {
    await this.sendMyOrders(ctx, false);
  }

  @Action('mo:list')
  @Roles('MASTER')
  async onBackToMyOrders(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await this.sendMyOrders(ctx, true);
  }

  @Action(/^mo:card:\d+$/)
  @Roles('MASTER')
  async onCard(@Ctx() ctx: BotContext) {
    const [orderId] = callbackNumbers(dataOf(ctx));
    const order = await this.queries.findCard(orderId);
    // Only a display check: every button on the card is re-checked by the domain.
    if (!order || order.masterId === null || order.masterId !== actorOf(ctx).activeMasterId) {
      await ctx.answerCbQuery(t.notYourOrder, { show_alert: true });
      return;
    }
    await ctx.answerCbQuery();
    await ctx.reply(this.cardText(order), masterOrderCardKeyboard(order));
  }

  @Hears(botTexts.buttons.myStats)
  @Roles('MASTER')
  async onMyStats(@Ctx() ctx: BotContext) {
    const masterId = actorOf(ctx).activeMasterId;
    if (masterId === null) return;
    const month = currentMonth(this.zone());
    const stats = await this.statistics.forMaster(masterId, month.period);
    await ctx.reply(`${t.statsTitle(month.name)}\n\n${t.stats(stats)}`);
  }

  /** Everyone with the button: their profile, plus the master profile for a master. */
  @Hears(botTexts.buttons.settings)
  async onSettings(@Ctx() ctx: BotContext) {
    const actor = actorOf(ctx);
    const lines = [
      t.settingsTitle,
      '',
      t.settingsPerson({
        name: actor.name,
        telegramId: actor.telegramId,
        roles: ROLES.filter((role) => actor.roles.has(role)),
      }),
    ];
    const master =
      actor.activeMasterId === null ? null : await this.masters.getCurrent(actor.activeMasterId);
    if (master) {
      lines.push(
        t.settingsMaster({
          phone: master.phone,
          specialization: master.specialization,
          workChatTitle: master.workChatTitle,
          hasWorkGroup: master.workChatId !== null,
          isActive: master.isActive,
          isSenior: master.isSenior,
        }),
      );
    }
    await ctx.reply(lines.join('\n'), mainMenu(actor.roles));
  }

  private async sendMyOrders(ctx: BotContext, edit: boolean) {
    const masterId = actorOf(ctx).activeMasterId;
    if (masterId === null) return;
    const orders = await this.queries.findActiveByMaster(masterId);
    if (!orders.length) {
      await ctx.reply(t.noActiveOrders);
      return;
    }
    const groups = MY_ORDER_GROUPS.map((status) => ({
      status,
      orders: orders.filter((order) => order.status === status),
    })).filter((group) => group.orders.length);
    const text = [
      t.myOrdersTitle(orders.length),
      ...groups.flatMap((group) => [
        '',
        t.statusGroup(
          STATUS_LABELS[group.status],
          group.orders.map((order) =>
            t.orderLine({
              id: order.id,
              equipmentType: order.equipmentType,
              address: order.clientAddress,
              arrival: order.arrivalText,
            }),
          ),
        ),
      ]),
      '',
      t.openHint,
    ].join('\n');
    const keyboard = myOrdersKeyboard(groups.flatMap((group) => group.orders));
    if (edit) await ctx.editMessageText(text, keyboard).catch(() => ctx.reply(text, keyboard));
    else await ctx.reply(text, keyboard);
  }

  private cardText(order: Order) {
    return t.card({
      id: order.id,
      statusLabel: STATUS_LABELS[order.status],
      equipmentType: order.equipmentType,
      problem: order.problem,
      address: order.clientAddress,
      clientName: order.clientName,
      phone: PHONE_VISIBLE.includes(order.status) ? order.clientPhone : null,
      arrival: order.arrivalText,
      notes: order.notes,
      ...this.longRepairOf(order),
    });
  }

  /** A long repair's terms, while the order is in one. */
  private longRepairOf(order: Order) {
    const inRepair = order.status === 'DR';
    return {
      drExpectedDate: inRepair && order.drExpectedDate ? formatIsoDate(order.drExpectedDate) : null,
      drPreliminaryKopecks: inRepair ? order.drPreliminaryKopecks : null,
      drPrepaymentKopecks: inRepair ? order.drPrepaymentKopecks : null,
    };
  }

  private zone() {
    return this.config.get('TZ', { infer: true });
  }
}
