import { botTexts } from '../../texts/ru/bot';
import type { BotContext } from '../bot-context';
import { buttons } from '../buttons';

/**
 * A pressed dialog button: acknowledged, its keyboard removed so it cannot be pressed twice,
 * and «❌ Отмена» handled (the dialog left, `cancelled` said). Returns the choice, or `null`
 * once cancelled.
 */
export async function takeChoice(
  ctx: BotContext,
  cancelled: () => Promise<unknown> = () => ctx.reply(botTexts.cancelled),
) {
  const choice = choiceOf(ctx);
  await ctx.answerCbQuery();
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  if (choice !== 'cancel') return choice;
  await ctx.scene.leave();
  await cancelled();
  return null;
}

/** A pressed dialog button: `d:<choice>`. */
export const choiceOf = (ctx: BotContext) => buttons.choice.parse(ctx)?.choice;
