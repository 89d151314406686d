import { BotHandlers } from '../bot-handlers.decorator';
import { Action, Ctx, On, Update } from 'nestjs-telegraf';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChatReachability } from '../../notifications/chat-reachability';
import { OrdersService } from '../../orders/orders.service';
import { MastersService } from '../../users/masters.service';
import { masterTexts } from '../../texts/ru/master';
import { botTexts } from '../../texts/ru/bot';
import { actorOf, BotContext } from '../bot-context';
import { buttons, MasterAction } from '../buttons';
import { Roles } from '../guards/roles.decorator';
import { answerButton } from '../replies';
import { MASTER_DIALOGS } from '../scenes/scene-ids';
import { enterScene } from '../scenes/scene-registry';

/** Buttons that change the order at once. */
const IMMEDIATE: Partial<Record<MasterAction, 'accept' | 'onSite' | 'backOnSite'>> = {
  accept: 'accept',
  onsite: 'onSite',
  backonsite: 'backOnSite',
};
const DONE_TEXT = {
  accept: masterTexts.accepted,
  onSite: masterTexts.onSite,
  backOnSite: masterTexts.backOnSite,
};

/** The order card's master buttons, in the work group and in «📋 Мои заявки» (docs/product.md §4.1). */
@Update()
@BotHandlers()
export class WorkGroupUpdate {
  constructor(
    private readonly orders: OrdersService,
    private readonly masters: MastersService,
    private readonly reachability: ChatReachability,
    private readonly db: TransactionRunner,
  ) {}

  /** The bot added back to a group (after a 403 "kicked"): notifications go there again. */
  @On('my_chat_member')
  async onMembershipChanged(@Ctx() ctx: BotContext) {
    const change = ctx.myChatMember;
    if (!change || change.chat.type === 'private') return;
    if (['member', 'administrator'].includes(change.new_chat_member.status)) {
      await this.db.run((tx) => this.reachability.markReachable(tx, change.chat.id));
    }
  }

  /** A group upgraded to a supergroup gets a new id; the master's binding follows it. */
  @On('migrate_to_chat_id')
  async onGroupMigrated(@Ctx() ctx: BotContext) {
    const message = ctx.message;
    if (ctx.chat && message && 'migrate_to_chat_id' in message) {
      await this.masters.followChatMigration(ctx.chat.id, message.migrate_to_chat_id);
    }
  }

  @Action(buttons.masterAction.pattern)
  @Roles('MASTER', 'ADMIN')
  async onOrderButton(@Ctx() ctx: BotContext) {
    // Untrusted: the domain re-checks the order, the actor and the version.
    const button = buttons.masterAction.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const ref = { id: button.orderId, version: button.version };
    const actor = actorOf(ctx);

    const immediate = IMMEDIATE[button.action];
    if (immediate) {
      const outcome = await this.orders[immediate](ref, actor);
      return answerButton(ctx, outcome, DONE_TEXT[immediate](button.orderId));
    }
    const dialog = MASTER_DIALOGS[button.action as keyof typeof MASTER_DIALOGS];
    const allowed = await this.orders.precheck(dialog.action, ref, actor);
    if (!allowed.ok) return answerButton(ctx, allowed);
    await ctx.answerCbQuery();
    await enterScene(ctx, dialog.scene, {
      orderId: button.orderId,
      version: allowed.value.version,
    });
  }
}
