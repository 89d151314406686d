import { ConfigService } from '@nestjs/config';
import { Action, Ctx, Hears, Next, On, Update } from 'nestjs-telegraf';
import { Markup } from 'telegraf';
import type { Environment } from '../../config/environment';
import { OrderStatisticsService } from '../../orders/order-statistics.service';
import { mastersAdminTexts as t, masterMenuTexts } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import type { Master } from '../../users/master.repository';
import { MastersService } from '../../users/masters.service';
import { displayName } from '../../users/users.service';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { buttons } from '../buttons';
import { groupWithBot, privacyHidesMessages } from '../group-check';
import { Roles } from '../guards/roles.decorator';
import { INTAKE_GROUP_REQUEST_ID } from '../keyboards/intake.keyboards';
import {
  groupPickerKeyboard,
  masterCardKeyboard,
  mastersListKeyboard,
} from '../keyboards/admin.keyboards';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import { pageOf } from '../pagination/pages';
import { pagerKeyboard, showPage, withPageIndicator } from '../pagination/pager';
import { answerButton } from '../replies';
import { enterScene } from '../scenes/scene-registry';
import { currentMonth } from '../current-month';
import { reasonText } from '../../texts/ru/reasons';

/** For admins each master is a button too: ten a page keep the keyboard short. */
const MASTERS_PAGE_SIZE = 10;

/**
 * «👥 Мастера» (docs/product.md §3.6, §5.1): admins manage masters from the list and the master
 * card; dispatchers get the same list read-only. The domain re-checks every change.
 */
@Update()
@BotHandlers()
export class MastersMenuUpdate {
  constructor(
    private readonly masters: MastersService,
    private readonly statistics: OrderStatisticsService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Hears(botTexts.buttons.masters)
  @Roles('ADMIN', 'DISPATCHER')
  async onMasters(@Ctx() ctx: BotContext) {
    await this.showList(ctx, 0, 'reply');
  }

  @Action(buttons.mastersList.pattern)
  @Roles('ADMIN')
  async onList(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await this.showList(ctx, 0, 'reply');
  }

  /** ◀️/▶️ under the list; dispatchers page the read-only list too. */
  @Action(buttons.mastersPage.pattern)
  @Roles('ADMIN', 'DISPATCHER')
  async onListPage(@Ctx() ctx: BotContext) {
    const button = buttons.mastersPage.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    await this.showList(ctx, button.page, 'edit');
  }

  @Action(buttons.addMaster.pattern)
  @Roles('ADMIN')
  async onAdd(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await enterScene(ctx, 'add-master');
  }

  @Action(buttons.masterCard.pattern)
  @Roles('ADMIN')
  async onCard(@Ctx() ctx: BotContext) {
    const card = await this.card(buttons.masterCard.parse(ctx)?.masterId ?? 0);
    if (!card) {
      await ctx.answerCbQuery(t.masterGone, { show_alert: true });
      return;
    }
    await ctx.answerCbQuery();
    await ctx.reply(card.text, card.keyboard);
  }

  @Action(buttons.masterToggle.pattern)
  @Roles('ADMIN')
  async onToggle(@Ctx() ctx: BotContext) {
    const button = buttons.masterToggle.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const { masterId, on } = button;
    const senior = button.setting === 'senior';
    const outcome = senior
      ? await this.masters.setSenior(masterId, on, actorOf(ctx))
      : await this.masters.setActive(masterId, on, actorOf(ctx));
    if (!outcome.ok) {
      await answerButton(ctx, outcome);
      return;
    }
    const master = await this.masters.getCurrent(masterId);
    const name = master ? this.nameOf(master) : `#${masterId}`;
    const done = senior
      ? on
        ? t.seniorOn(name)
        : t.seniorOff(name)
      : on
        ? t.activated(name)
        : t.deactivated(name);
    await answerButton(ctx, outcome, done);
    await this.refreshCard(ctx, masterId);
  }

  @Action(buttons.masterStats.pattern)
  @Roles('ADMIN')
  async onStats(@Ctx() ctx: BotContext) {
    const master = await this.masterOfButton(ctx, buttons.masterStats.parse(ctx));
    if (!master) return;
    const month = currentMonth(this.zone());
    const stats = await this.statistics.forMaster(master.id, month.period);
    await ctx.answerCbQuery();
    await ctx.reply(
      `${t.statsTitle(this.nameOf(master), month.name)}\n${masterMenuTexts.stats(stats)}`,
      Markup.inlineKeyboard([
        [
          Markup.button.callback(
            t.buttons.openCard,
            buttons.masterCard.build({ masterId: master.id }),
          ),
        ],
      ]),
    );
  }

  @Action(buttons.masterDialog.pattern)
  @Roles('ADMIN')
  async onDialog(@Ctx() ctx: BotContext) {
    const button = buttons.masterDialog.parse(ctx);
    const master = await this.masterOfButton(ctx, button);
    if (!master) return;
    await ctx.answerCbQuery();
    const scene = button?.dialog === 'spec' ? 'edit-specialization' : 'fire-master';
    await enterScene(ctx, scene, { masterId: master.id });
  }

  @Action(buttons.masterGroup.pattern)
  @Roles('ADMIN')
  async onSetGroup(@Ctx() ctx: BotContext) {
    const master = await this.masterOfButton(ctx, buttons.masterGroup.parse(ctx));
    if (!master) return;
    await ctx.answerCbQuery();
    await ctx.reply(t.pickGroup(this.nameOf(master)), groupPickerKeyboard(master.id));
  }

  /** The master a card button names, or null after telling the admin they are gone. */
  private async masterOfButton(
    ctx: BotContext,
    button: { masterId: number } | null,
  ): Promise<Master | null> {
    const master = button && (await this.masters.getCurrent(button.masterId));
    if (!master) await ctx.answerCbQuery(t.masterGone, { show_alert: true });
    return master;
  }

  /** The chat picker's answer: `request_id` is the master, `chat_id` the chosen group. */
  @On('chat_shared')
  @Roles('ADMIN')
  async onChatShared(@Ctx() ctx: BotContext, @Next() next: () => Promise<void>) {
    const message = ctx.message;
    if (!message || !('chat_shared' in message)) return;
    const { request_id: masterId, chat_id: chatId } = message.chat_shared;
    // The intake-group picker's answer (IntakeUpdate).
    if (masterId === INTAKE_GROUP_REQUEST_ID) return next();
    const actor = actorOf(ctx);
    const master = await this.masters.getCurrent(masterId);
    if (!master) {
      await ctx.reply(t.masterGone, mainMenu(actor.roles));
      return;
    }
    // The picker lists any group of the admin's; the bot must be in it to post the cards.
    const chat = await groupWithBot(ctx, chatId);
    if (!chat) {
      await ctx.reply(t.groupBotNotMember, groupPickerKeyboard(masterId));
      return;
    }
    const outcome = await this.masters.bindWorkGroup(masterId, chat, actor);
    if (!outcome.ok) {
      const again =
        outcome.code === 'invalid' ? groupPickerKeyboard(masterId) : mainMenu(actor.roles);
      await ctx.reply(reasonText(outcome), again);
      return;
    }
    const bound = t.groupBound(this.nameOf(master), chat.title);
    const privacy = chat.botIsAdmin ? null : await this.privacyWarning(ctx, chat);
    await ctx.reply(privacy ? `${bound}\n\n${privacy}` : bound, mainMenu(actor.roles));
    const card = await this.card(masterId);
    if (card) await ctx.reply(card.text, card.keyboard);
  }

  /** «◀️ Назад» under the chat picker: the main menu comes back. */
  @Hears(botTexts.buttons.back)
  async onBack(@Ctx() ctx: BotContext) {
    await ctx.reply(t.backToMenu, mainMenu(actorOf(ctx).roles));
  }

  /** «👥 Мастера», a page at a time; admins get a button per master and «➕ Добавить мастера». */
  private async showList(ctx: BotContext, requested: number, how: 'reply' | 'edit') {
    const manage = actorOf(ctx).roles.has('ADMIN');
    const masters = await this.masters.listCurrent();
    if (!masters.length) {
      await ctx.reply(
        t.listEmpty,
        manage
          ? Markup.inlineKeyboard([
              [Markup.button.callback(t.buttons.addMaster, buttons.addMaster.build())],
            ])
          : {},
      );
      return;
    }
    const counts = await this.statistics.countsByMaster(currentMonth(this.zone()).period);
    const entries = masters.map((master, i) => ({
      master,
      number: i + 1,
      line: this.lineOf(master, counts.get(master.id)),
    }));
    const page = pageOf(
      entries,
      (chunk, part) =>
        withPageIndicator(
          [
            t.listTitle(masters.length),
            // A blank line between masters: each entry is three lines long.
            ...chunk.flatMap((entry) => ['', t.listLine(entry.line, entry.number)]),
            ...(manage ? ['', t.listHintAdmin] : []),
          ].join('\n'),
          part,
        ),
      requested,
      { maxItems: MASTERS_PAGE_SIZE },
    );
    const keyboard = manage
      ? mastersListKeyboard(
          page.items.map(({ master }) => ({
            masterId: master.id,
            name: this.nameOf(master),
            isActive: master.isActive,
            hasWorkGroup: master.workChatId !== null,
          })),
          page,
        )
      : pagerKeyboard(page, (p) => buttons.mastersPage.build({ page: p }));
    await showPage(ctx, how, page.text, keyboard);
  }

  private async card(masterId: number) {
    const master = await this.masters.getCurrent(masterId);
    if (!master) return null;
    const stats = await this.statistics.forMaster(masterId, currentMonth(this.zone()).period);
    const view = {
      ...this.lineOf(master, { active: stats.active, closedInPeriod: stats.closedInPeriod }),
      telegramId: master.user?.telegramId ?? 0,
      phone: master.phone,
    };
    return {
      text: t.card(view),
      keyboard: masterCardKeyboard({
        masterId,
        isSenior: master.isSenior,
        isActive: master.isActive,
      }),
    };
  }

  /** The card the admin pressed is edited in place, so it always shows the truth. */
  private async refreshCard(ctx: BotContext, masterId: number) {
    const card = await this.card(masterId);
    if (!card) return;
    await ctx
      .editMessageText(card.text, card.keyboard)
      .catch(() => ctx.reply(card.text, card.keyboard));
  }

  private lineOf(master: Master, counts: { active: number; closedInPeriod: number } | undefined) {
    return {
      name: this.nameOf(master),
      specialization: master.specialization,
      workChatTitle: master.workChatTitle,
      hasWorkGroup: master.workChatId !== null,
      isSenior: master.isSenior,
      isActive: master.isActive,
      activeOrders: counts?.active ?? 0,
      closedThisMonth: counts?.closedInPeriod ?? 0,
    };
  }

  private nameOf(master: Master) {
    return master.user ? displayName(master.user) : `#${master.id}`;
  }

  private async privacyWarning(ctx: BotContext, chat: { id: number; title: string }) {
    return (await privacyHidesMessages(ctx, chat.id)) ? t.groupPrivacyOn(chat.title) : null;
  }

  private zone() {
    return this.config.get('TZ', { infer: true });
  }
}
