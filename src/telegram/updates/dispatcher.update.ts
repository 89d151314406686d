import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Action, Ctx, Hears, Update } from 'nestjs-telegraf';
import { Markup } from 'telegraf';
import type { Environment } from '../../config/environment';
import { OrderQueriesService } from '../../orders/order-queries.service';
import { OrdersService } from '../../orders/orders.service';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import { MastersService } from '../../users/masters.service';
import { displayName } from '../../users/users.service';
import { actorOf, BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { staffOrderCard } from '../cards/staff-order-card';
import { Roles } from '../guards/roles.decorator';
import { orderPageKeyboard, statusFilterKeyboard } from '../keyboards/order-list.keyboard';
import { pageOf } from '../pagination/pages';
import { showPage, withPageIndicator, withPager } from '../pagination/pager';
import { answerButton } from '../replies';
import { enterScene } from '../scenes/scene-registry';

/** Masters are buttons: a page of them keeps the picker short to scroll. */
const PICKER_PAGE_SIZE = 10;

/** Whom the picker is for: `pick` assigns a NEW order, `repick` reassigns. */
interface MasterPicker {
  pick: 'pick' | 'repick';
  orderId: number;
  version: number;
}

/** Orders for admins and dispatchers: lists, the card and its buttons (docs/product.md §3). */
@Update()
@BotHandlers()
@Roles('ADMIN', 'DISPATCHER')
export class DispatcherUpdate {
  constructor(
    private readonly orders: OrdersService,
    private readonly queries: OrderQueriesService,
    private readonly masters: MastersService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Hears(botTexts.buttons.createOrder)
  async onCreate(@Ctx() ctx: BotContext) {
    await enterScene(ctx, 'create-order', {});
  }

  @Hears(botTexts.buttons.search)
  async onSearch(@Ctx() ctx: BotContext) {
    await enterScene(ctx, 'search-orders');
  }

  @Hears(botTexts.buttons.allOrders)
  async onAllOrders(@Ctx() ctx: BotContext) {
    await ctx.reply(t.allOrders, statusFilterKeyboard(await this.queries.countsByStatus()));
  }

  @Action(buttons.listMenu.pattern)
  async onBackToLists(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await ctx.editMessageText(
      t.allOrders,
      statusFilterKeyboard(await this.queries.countsByStatus()),
    );
  }

  @Action(buttons.listFilter.pattern)
  async onFilter(@Ctx() ctx: BotContext) {
    const button = buttons.listFilter.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const { status } = button;
    const page = await this.queries.listByStatus(status, button.page);
    await ctx.answerCbQuery();
    const back = [[Markup.button.callback(botTexts.buttons.back, buttons.listMenu.build())]];
    if (!page.total) return showPage(ctx, 'edit', t.noOrders, Markup.inlineKeyboard(back));
    return showPage(
      ctx,
      'edit',
      withPageIndicator(t.allOrders, { index: page.page, count: page.pageCount }),
      orderPageKeyboard(
        page.orders,
        page,
        (p) => buttons.listFilter.build({ status, page: p }),
        back,
      ),
    );
  }

  @Action(buttons.orderCard.pattern)
  async onCard(@Ctx() ctx: BotContext) {
    const button = buttons.orderCard.parse(ctx);
    const order = button && (await this.queries.findCard(button.orderId));
    if (!order) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    const card = staffOrderCard(order, this.zone(), {
      isAdmin: actorOf(ctx).roles.has('ADMIN'),
      history: await this.queries.historyOf(order.id),
    });
    await ctx.reply(card.text, { parse_mode: 'HTML', ...card.keyboard });
  }

  @Action(buttons.assignPicker.pattern)
  async onAssignPicker(@Ctx() ctx: BotContext) {
    const button = buttons.assignPicker.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const allowed = await this.orders.precheck(
      button.action,
      { id: button.orderId, version: button.version },
      actorOf(ctx),
    );
    if (!allowed.ok) return answerButton(ctx, allowed);
    await ctx.answerCbQuery();
    const picker: MasterPicker = {
      pick: button.action === 'assign' ? 'pick' : 'repick',
      orderId: button.orderId,
      version: allowed.value.version,
    };
    await this.showPicker(ctx, picker, 0, 'reply');
  }

  /** ◀️/▶️ under the picker. */
  @Action(buttons.pickerPage.pattern)
  async onPickerPage(@Ctx() ctx: BotContext) {
    const button = buttons.pickerPage.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const { page, ...picker } = button;
    await ctx.answerCbQuery();
    // Only a list: the pick itself is re-checked by the domain with the version shown here.
    await this.showPicker(ctx, picker, page, 'edit');
  }

  @Action(buttons.masterWithoutGroup.pattern)
  async onMasterWithoutGroup(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery(t.noGroupAlert, { show_alert: true });
  }

  @Action(buttons.pickMaster.pattern)
  async onPickMaster(@Ctx() ctx: BotContext) {
    const button = buttons.pickMaster.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const { masterId, orderId } = button;
    const ref = { id: orderId, version: button.version };
    const outcome =
      button.pick === 'pick'
        ? await this.orders.assign(ref, masterId, actorOf(ctx))
        : await this.orders.reassign(ref, masterId, actorOf(ctx));
    await answerButton(ctx, outcome);
    if (!outcome.ok) return;
    const order = await this.queries.findCard(orderId);
    const name = order?.master?.user ? displayName(order.master.user) : `#${masterId}`;
    await ctx
      .editMessageText(t.assigned(orderId, name))
      .catch(() => ctx.reply(t.assigned(orderId, name)));
  }

  @Action(buttons.directAction.pattern)
  async onDirectAction(@Ctx() ctx: BotContext) {
    const button = buttons.directAction.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const ref = { id: button.orderId, version: button.version };
    const actor = actorOf(ctx);
    if (button.action === 'unassign') {
      return answerButton(ctx, await this.orders.unassign(ref, actor), t.unassigned(ref.id));
    }
    if (button.action === 'waiting') {
      return answerButton(
        ctx,
        await this.orders.clientWaiting(ref, actor),
        t.clientWaitingSent(ref.id),
      );
    }
    return answerButton(ctx, await this.orders.restore(ref, actor), t.restored(ref.id));
  }

  @Action(buttons.orderDialog.pattern)
  async onDialogAction(@Ctx() ctx: BotContext) {
    const button = buttons.orderDialog.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const { action } = button;
    const allowed = await this.orders.precheck(
      action,
      { id: button.orderId, version: button.version },
      actorOf(ctx),
    );
    if (!allowed.ok) return answerButton(ctx, allowed);
    await ctx.answerCbQuery();
    const order = { orderId: button.orderId, version: allowed.value.version };
    if (action === 'cancel') return enterScene(ctx, 'cancel-order', order);
    // The edit menu offers a long repair's fields only for a DR order.
    return enterScene(ctx, 'edit-order', { ...order, status: allowed.value.status });
  }

  /** Active masters as buttons, least loaded first, a page at a time (docs/product.md §3.3). */
  private async showPicker(
    ctx: BotContext,
    picker: MasterPicker,
    requested: number,
    how: 'reply' | 'edit',
  ) {
    const choices = await this.masters.choicesForAssignment();
    if (!choices.length) return showPage(ctx, how, t.noMasters);
    const page = pageOf(
      choices,
      (_chunk, part) => withPageIndicator(t.pickMaster(picker.orderId), part),
      requested,
      { maxItems: PICKER_PAGE_SIZE },
    );
    const rows = page.items.map((m) => [
      Markup.button.callback(
        `${m.hasWorkGroup ? '' : `${t.noGroup} `}${m.name} (${m.specialization}) · ${m.activeOrders}`,
        m.hasWorkGroup
          ? buttons.pickMaster.build({ ...picker, masterId: m.masterId })
          : buttons.masterWithoutGroup.build(),
      ),
    ]);
    const pageButton = (p: number) => buttons.pickerPage.build({ ...picker, page: p });
    return showPage(ctx, how, page.text, Markup.inlineKeyboard(withPager(rows, page, pageButton)));
  }

  private zone() {
    return this.config.get('TZ', { infer: true });
  }
}
