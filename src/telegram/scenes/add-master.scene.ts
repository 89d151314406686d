import { Scene } from 'nestjs-telegraf';
import { normalizePhone } from '../../common/phone';
import { mastersAdminTexts as t } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import { userTexts } from '../../texts/ru/users';
import { MastersService, validSpecialization } from '../../users/masters.service';
import { displayName, UsersService } from '../../users/users.service';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { openMasterCardKeyboard } from '../keyboards/admin.keyboards';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import { confirmKeyboard } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { SceneState } from './scene-registry';
import { ButtonStepDialog, END, leadApart } from './step-dialog';
import { reasonText } from '../../texts/ru/reasons';

type Step = 'telegramId' | 'phone' | 'specialization' | 'confirm';

export interface AddMasterState {
  telegramId?: number;
  name?: string;
  phone?: string;
  specialization?: string;
}

/** Telegram user ids are positive integers; people paste them with spaces sometimes. */
const TELEGRAM_ID = /^\d{1,15}$/;

const confirmNewMaster = (ctx: BotContext, state: SceneState<'add-master'>) =>
  ctx.reply(
    t.confirmNewMaster({
      name: state.name ?? '',
      telegramId: state.telegramId ?? 0,
      phone: state.phone ?? '',
      specialization: state.specialization ?? '',
    }),
    confirmKeyboard(),
  );

/**
 * «➕ Добавить мастера» (docs/product.md §5.1): Telegram id (the person must have written to the
 * bot) → phone → specialization → confirm. Every wrong answer is explained (in a message of its
 * own) and asked again.
 */
@Scene('add-master')
@BotHandlers()
export class AddMasterScene extends ButtonStepDialog<'add-master', Step> {
  constructor(
    private readonly users: UsersService,
    private readonly masters: MastersService,
  ) {
    super();
  }

  protected scene = 'add-master' as const;
  protected first = 'telegramId' as const;
  protected steps = {
    telegramId: this.step({
      ask: (ctx, _state, lead) => leadApart(ctx, lead, () => askInDialog(ctx, t.askTelegramId)),
      parse: async (text: string) => {
        const typed = text.trim().replace(/\s/g, '');
        const telegramId = TELEGRAM_ID.test(typed) ? Number(typed) : NaN;
        if (!Number.isSafeInteger(telegramId) || telegramId < 1) {
          return { ok: false, problem: t.badTelegramId };
        }
        // The domain refuses too; asking here lets the admin fix the id before typing the rest.
        const person = await this.users.actorByTelegramId(telegramId);
        if (!person) return { ok: false, problem: userTexts.userNotFound(telegramId) };
        if (person.roles.has('MASTER'))
          return { ok: false, problem: userTexts.masterAlreadyExists };
        return { ok: true, value: { telegramId, name: person.name } };
      },
      next: (_ctx, state, person) => {
        state.telegramId = person.telegramId;
        state.name = person.name;
        return 'phone';
      },
    }),
    phone: this.step({
      ask: (ctx, state, lead) =>
        leadApart(ctx, lead, () => askInDialog(ctx, t.askPhone(state.name ?? ''))),
      parse: (text: string) => {
        const phone = normalizePhone(text.trim());
        return phone ? { ok: true, value: phone } : { ok: false, problem: userTexts.badPhone };
      },
      next: (_ctx, state, phone) => {
        state.phone = phone;
        return 'specialization';
      },
    }),
    specialization: this.step({
      ask: (ctx, _state, lead) => leadApart(ctx, lead, () => askInDialog(ctx, t.askSpecialization)),
      parse: (text: string) => {
        const specialization = validSpecialization(text.trim());
        return specialization
          ? { ok: true, value: specialization }
          : { ok: false, problem: userTexts.badSpecialization };
      },
      next: (_ctx, state, specialization) => {
        state.specialization = specialization;
        return 'confirm';
      },
    }),
    confirm: this.step({
      ask: (ctx, state, lead) => leadApart(ctx, lead, () => confirmNewMaster(ctx, state)),
      choices: ['confirm'],
      onError: (ctx, state) =>
        leadApart(ctx, t.answerWithButtons, () => confirmNewMaster(ctx, state)),
      next: async (ctx, state) => {
        const outcome = await this.masters.add(
          {
            telegramId: state.telegramId ?? 0,
            phone: state.phone ?? '',
            specialization: state.specialization ?? '',
          },
          actorOf(ctx),
        );
        if (!outcome.ok && (outcome.field === 'phone' || outcome.field === 'specialization')) {
          return { to: outcome.field, lead: reasonText(outcome) };
        }
        await ctx.scene.leave();
        if (!outcome.ok) {
          await ctx.reply(reasonText(outcome), mainMenu(actorOf(ctx).roles));
          return END;
        }
        const name = outcome.value.user ? displayName(outcome.value.user) : (state.name ?? '');
        await ctx.reply(t.masterAdded(name), openMasterCardKeyboard(outcome.value.id));
        return END;
      },
    }),
  };

  protected override cancelled(ctx: BotContext) {
    return ctx.reply(botTexts.cancelled, mainMenu(actorOf(ctx).roles));
  }
}
