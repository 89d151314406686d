import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import { mastersAdminTexts as t } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import type { Master } from '../../users/master.entity';
import { MastersService } from '../../users/masters.service';
import { displayName } from '../../users/users.service';
import { actorOf, BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { BotHandlers } from '../bot-handlers.decorator';
import { openMasterCardKeyboard } from '../keyboards/admin.keyboards';
import { confirmKeyboard } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { choiceOf } from './dialog-choice';
import { sceneState, SceneState } from './scene-registry';
import { END, StepDialog, withLead } from './step-dialog';

const nameOf = (master: Master) => (master.user ? displayName(master.user) : `#${master.id}`);

/** «🔧 Редактировать специализацию» on the master card: one answer, checked by the domain. */
@Scene('edit-specialization')
@BotHandlers()
export class EditSpecializationScene extends StepDialog<'edit-specialization', 'specialization'> {
  constructor(private readonly masters: MastersService) {
    super();
  }

  protected scene = 'edit-specialization' as const;
  protected first = 'specialization' as const;

  protected override async start(ctx: BotContext, state: SceneState<'edit-specialization'>) {
    const master = await this.masters.getCurrent(state.masterId);
    if (!master) {
      await ctx.scene.leave();
      await ctx.reply(t.masterGone);
      return END;
    }
    state.name = nameOf(master);
    return this.first;
  }

  protected steps = {
    specialization: this.step({
      // The master's current specialization, read again after a refused answer.
      ask: async (ctx, state, lead) => {
        const master = await this.masters.getCurrent(state.masterId);
        const question = t.askNewSpecialization(state.name ?? '', master?.specialization ?? '—');
        return askInDialog(ctx, withLead(lead, question));
      },
      parse: (text: string) => ({ ok: true, value: text }),
      next: async (ctx, state, specialization) => {
        const outcome = await this.masters.editSpecialization(
          state.masterId,
          specialization,
          actorOf(ctx),
        );
        if (!outcome.ok && outcome.code === 'invalid') return { problem: outcome.message };
        await ctx.scene.leave();
        if (!outcome.ok) {
          await ctx.reply(outcome.message);
          return END;
        }
        await ctx.reply(
          t.specializationSaved(state.name ?? '', outcome.value.specialization),
          openMasterCardKeyboard(state.masterId),
        );
        return END;
      },
    }),
  };
}

/** «💼 Уволить»: a confirmation first; the domain refuses while the master has active orders. */
@Scene('fire-master')
@BotHandlers()
export class FireMasterScene {
  constructor(private readonly masters: MastersService) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'fire-master');
    const master = await this.masters.getCurrent(state.masterId);
    if (!master) {
      await ctx.scene.leave();
      await ctx.reply(t.masterGone);
      return;
    }
    state.name = nameOf(master);
    await ctx.reply(t.confirmFire(state.name), confirmKeyboard());
  }

  @On('text')
  async onText(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'fire-master');
    await ctx.reply(t.answerWithButtons);
    await ctx.reply(t.confirmFire(state.name ?? ''), confirmKeyboard());
  }

  @Action(buttons.choice.pattern)
  async onChoice(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'fire-master');
    const choice = choiceOf(ctx);
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    if (choice !== 'confirm') {
      await ctx.scene.leave();
      await ctx.reply(botTexts.cancelled, openMasterCardKeyboard(state.masterId));
      return;
    }
    await ctx.scene.leave();
    const outcome = await this.masters.fire(state.masterId, actorOf(ctx));
    if (!outcome.ok) {
      await ctx.reply(outcome.message, openMasterCardKeyboard(state.masterId));
      return;
    }
    await ctx.reply(t.fired(state.name ?? ''));
  }
}
