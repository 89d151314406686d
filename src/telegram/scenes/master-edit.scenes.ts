import { Scene } from 'nestjs-telegraf';
import { mastersAdminTexts as t } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import type { Master } from '../../users/master.repository';
import { MastersService } from '../../users/masters.service';
import { displayName } from '../../users/users.service';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { openMasterCardKeyboard } from '../keyboards/admin.keyboards';
import { confirmKeyboard } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { SceneState } from './scene-registry';
import { ButtonStepDialog, END, leadApart, StepDialog, withLead } from './step-dialog';
import { reasonText } from '../../texts/ru/reasons';
import { settleDialog } from './use-case-answer';

const nameOf = (master: Master) => (master.user ? displayName(master.user) : `#${master.id}`);

/** A dialog about a master begins with their name, or ends at once when they are gone. */
async function startWithMaster<Name extends string>(
  masters: MastersService,
  ctx: BotContext,
  state: { masterId: number; name?: string },
  first: Name,
) {
  const master = await masters.getCurrent(state.masterId);
  if (!master) {
    await ctx.scene.leave();
    await ctx.reply(t.masterGone);
    return END;
  }
  state.name = nameOf(master);
  return first;
}

/** «🔧 Редактировать специализацию» on the master card: one answer, checked by the domain. */
@Scene('edit-specialization')
@BotHandlers()
export class EditSpecializationScene extends StepDialog<'edit-specialization', 'specialization'> {
  constructor(private readonly masters: MastersService) {
    super();
  }

  protected scene = 'edit-specialization' as const;
  protected first = 'specialization' as const;

  protected override start(ctx: BotContext, state: SceneState<'edit-specialization'>) {
    return startWithMaster(this.masters, ctx, state, this.first);
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
        const settled = await settleDialog(ctx, outcome);
        if ('go' in settled) return settled.go;
        await ctx.reply(
          t.specializationSaved(state.name ?? '', settled.value.specialization),
          openMasterCardKeyboard(state.masterId),
        );
        return END;
      },
    }),
  };
}

const confirmFire = (ctx: BotContext, state: { name?: string }) =>
  ctx.reply(t.confirmFire(state.name ?? ''), confirmKeyboard());

/** «💼 Уволить»: a confirmation first; the domain refuses while the master has active orders. */
@Scene('fire-master')
@BotHandlers()
export class FireMasterScene extends ButtonStepDialog<'fire-master', 'confirm'> {
  constructor(private readonly masters: MastersService) {
    super();
  }

  protected scene = 'fire-master' as const;
  protected first = 'confirm' as const;

  protected override start(ctx: BotContext, state: SceneState<'fire-master'>) {
    return startWithMaster(this.masters, ctx, state, this.first);
  }

  protected steps = {
    confirm: this.step({
      ask: (ctx, state, lead) => leadApart(ctx, lead, () => confirmFire(ctx, state)),
      // Any other dialog button (a stale one) cancels, like «❌ Отмена».
      choices: ['confirm', 'yes', 'no', 'skip'],
      onError: (ctx, state) => leadApart(ctx, t.answerWithButtons, () => confirmFire(ctx, state)),
      next: async (ctx, state, choice) => {
        await ctx.scene.leave();
        if (choice !== 'confirm') {
          await this.cancelled(ctx, state);
          return END;
        }
        const outcome = await this.masters.fire(state.masterId, actorOf(ctx));
        if (!outcome.ok) {
          await ctx.reply(reasonText(outcome), openMasterCardKeyboard(state.masterId));
          return END;
        }
        await ctx.reply(t.fired(state.name ?? ''));
        return END;
      },
    }),
  };

  protected override cancelled(ctx: BotContext, state: SceneState<'fire-master'>) {
    return ctx.reply(botTexts.cancelled, openMasterCardKeyboard(state.masterId));
  }
}
