import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import { normalizePhone } from '../../orders/phone';
import { mastersAdminTexts as t } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import { userTexts } from '../../texts/ru/users';
import { MastersService, validSpecialization } from '../../users/masters.service';
import { displayName, UsersService } from '../../users/users.service';
import { actorOf, BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { BotHandlers } from '../bot-handlers.decorator';
import { openMasterCardKeyboard } from '../keyboards/admin.keyboards';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import { confirmKeyboard, textOf } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { choiceOf } from './dialog-choice';
import { sceneState } from './scene-registry';

type Step = 'telegramId' | 'phone' | 'specialization' | 'confirm';

export interface AddMasterState {
  step: Step;
  telegramId?: number;
  name?: string;
  phone?: string;
  specialization?: string;
}

/** Telegram user ids are positive integers; people paste them with spaces sometimes. */
const TELEGRAM_ID = /^\d{1,15}$/;

/**
 * «➕ Добавить мастера» (docs/product.md §5.1): Telegram id (the person must have written to the
 * bot) → phone → specialization → confirm. Every wrong answer is explained and asked again.
 */
@Scene('add-master')
@BotHandlers()
export class AddMasterScene {
  constructor(
    private readonly users: UsersService,
    private readonly masters: MastersService,
  ) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    sceneState(ctx, 'add-master').step = 'telegramId';
    await askInDialog(ctx, t.askTelegramId);
  }

  @On('text')
  async onText(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'add-master');
    const text = (textOf(ctx) ?? '').trim();
    switch (state.step) {
      case 'telegramId':
        await this.takeTelegramId(ctx, state, text.replace(/\s/g, ''));
        return;
      case 'phone': {
        const phone = normalizePhone(text);
        if (!phone) {
          await this.ask(ctx, state, 'phone', userTexts.badPhone);
          return;
        }
        state.phone = phone;
        await this.ask(ctx, state, 'specialization');
        return;
      }
      case 'specialization': {
        const specialization = validSpecialization(text);
        if (!specialization) {
          await this.ask(ctx, state, 'specialization', userTexts.badSpecialization);
          return;
        }
        state.specialization = specialization;
        await this.ask(ctx, state, 'confirm');
        return;
      }
      default:
        await this.ask(ctx, state, 'confirm', t.answerWithButtons);
    }
  }

  @Action(buttons.choice.pattern)
  async onChoice(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'add-master');
    const choice = choiceOf(ctx);
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    if (choice === 'cancel') {
      await ctx.scene.leave();
      await ctx.reply(botTexts.cancelled, mainMenu(actorOf(ctx).roles));
      return;
    }
    if (state.step !== 'confirm' || choice !== 'confirm') return;
    await this.add(ctx, state);
  }

  private async takeTelegramId(ctx: BotContext, state: AddMasterState, text: string) {
    const telegramId = TELEGRAM_ID.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) {
      await this.ask(ctx, state, 'telegramId', t.badTelegramId);
      return;
    }
    // The domain refuses too; asking here lets the admin fix the id before typing the rest.
    const person = await this.users.actorByTelegramId(telegramId);
    if (!person) {
      await this.ask(ctx, state, 'telegramId', userTexts.userNotFound(telegramId));
      return;
    }
    if (person.roles.has('MASTER')) {
      await this.ask(ctx, state, 'telegramId', userTexts.masterAlreadyExists);
      return;
    }
    state.telegramId = telegramId;
    state.name = person.name;
    await this.ask(ctx, state, 'phone');
  }

  private async add(ctx: BotContext, state: AddMasterState) {
    const outcome = await this.masters.add(
      {
        telegramId: state.telegramId ?? 0,
        phone: state.phone ?? '',
        specialization: state.specialization ?? '',
      },
      actorOf(ctx),
    );
    if (!outcome.ok && (outcome.field === 'phone' || outcome.field === 'specialization')) {
      await this.ask(ctx, state, outcome.field, outcome.message);
      return;
    }
    await ctx.scene.leave();
    if (!outcome.ok) {
      await ctx.reply(outcome.message, mainMenu(actorOf(ctx).roles));
      return;
    }
    const name = outcome.value.user ? displayName(outcome.value.user) : (state.name ?? '');
    await ctx.reply(t.masterAdded(name), openMasterCardKeyboard(outcome.value.id));
  }

  private async ask(ctx: BotContext, state: AddMasterState, step: Step, problem?: string) {
    state.step = step;
    if (problem) await ctx.reply(problem);
    switch (step) {
      case 'telegramId':
        await askInDialog(ctx, t.askTelegramId);
        return;
      case 'phone':
        await askInDialog(ctx, t.askPhone(state.name ?? ''));
        return;
      case 'specialization':
        await askInDialog(ctx, t.askSpecialization);
        return;
      default:
        await ctx.reply(
          t.confirmNewMaster({
            name: state.name ?? '',
            telegramId: state.telegramId ?? 0,
            phone: state.phone ?? '',
            specialization: state.specialization ?? '',
          }),
          confirmKeyboard(),
        );
    }
  }
}
