import { ConfigService } from '@nestjs/config';
import { Action, Ctx, Hears, Update } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { OrderQueriesService } from '../../orders/order-queries.service';
import { OrderStatisticsService } from '../../orders/order-statistics.service';
import type { OrderStatus } from '../../orders/order-status';
import type { Order } from '../../orders/order.repository';
import { masterMenuTexts as t } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import { STATUS_LABELS } from '../../texts/ru/orders';
import { MastersService } from '../../users/masters.service';
import { ROLES } from '../../users/role';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { buttons } from '../buttons';
import { Roles } from '../guards/roles.decorator';
import { masterOrderCardKeyboard, myOrdersKeyboard } from '../keyboards/admin.keyboards';
import { formatIsoDate } from '../cards/order-times';
import { currentMonth } from '../current-month';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import type { Part } from '../../common/message-parts';
import { pageOf } from '../pagination/pages';
import { showPage, withPageIndicator } from '../pagination/pager';

/** The order in which «📋 Мои заявки» groups the work: what needs the master first. */
const MY_ORDER_GROUPS: readonly OrderStatus[] = ['ASSIGNED', 'ACCEPTED', 'ONSITE', 'DR'];

/** docs/product.md §2.3: the master sees the client's phone once on site, and from then on. */
const PHONE_VISIBLE: readonly OrderStatus[] = ['ONSITE', 'DR', 'CLOSED'];

/** Each order is a button too: ten a page keep the keyboard short. */
const MY_ORDERS_PAGE_SIZE = 10;

/** The master's active orders in the order of `MY_ORDER_GROUPS`, newest first in each. */
const myOrdersInGroups = (orders: Order[]): Order[] =>
  MY_ORDER_GROUPS.flatMap((status) => orders.filter((order) => order.status === status));

/**
 * A page of «📋 Мои заявки»: the orders on it under their status, each status with its count
 * in the whole list, so a group cut by a page break still says how many it has.
 */
const myOrdersPage =
  (all: Order[]) =>
  (chunk: readonly Order[], part: Part): string => {
    const groups = MY_ORDER_GROUPS.map((status) => ({
      status,
      total: all.filter((order) => order.status === status).length,
      orders: chunk.filter((order) => order.status === status),
    })).filter((group) => group.orders.length);
    const text = [
      t.myOrdersTitle(all.length),
      ...groups.flatMap((group) => [
        '',
        t.statusGroup(
          STATUS_LABELS[group.status],
          group.total,
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
    return withPageIndicator(text, part);
  };

/**
 * The master's private menu (docs/product.md §4.3). The card's action buttons are the same
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
    await this.showMyOrders(ctx, 0, 'reply');
  }

  @Action(buttons.myOrders.pattern)
  @Roles('MASTER')
  async onBackToMyOrders(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await this.showMyOrders(ctx, 0, 'edit');
  }

  @Action(buttons.myOrdersPage.pattern)
  @Roles('MASTER')
  async onMyOrdersPage(@Ctx() ctx: BotContext) {
    const button = buttons.myOrdersPage.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    await this.showMyOrders(ctx, button.page, 'edit');
  }

  @Action(buttons.myOrderCard.pattern)
  @Roles('MASTER')
  async onCard(@Ctx() ctx: BotContext) {
    const button = buttons.myOrderCard.parse(ctx);
    const order = button && (await this.queries.findCard(button.orderId));
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

  /** «📋 Мои заявки», a page at a time: each order is also a button to its card. */
  private async showMyOrders(ctx: BotContext, requested: number, how: 'reply' | 'edit') {
    const masterId = actorOf(ctx).activeMasterId;
    if (masterId === null) return;
    const orders = myOrdersInGroups(await this.queries.findActiveByMaster(masterId));
    if (!orders.length) {
      await ctx.reply(t.noActiveOrders);
      return;
    }
    const page = pageOf(orders, myOrdersPage(orders), requested, { maxItems: MY_ORDERS_PAGE_SIZE });
    await showPage(ctx, how, page.text, myOrdersKeyboard(page.items, page));
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
