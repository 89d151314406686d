import { botTexts } from '../../texts/ru/bot';
import type { BotContext } from '../bot-context';

/** The state a dialog keeps between answers (persisted with the session). */
export function dialogState<T extends object>(
  ctx: BotContext,
): T & { orderId: number; version?: number; step: string } {
  return ctx.scene.state as T & { orderId: number; version?: number; step: string };
}

/**
 * A pressed dialog button: acknowledged, its keyboard removed so it cannot be pressed twice,
 * and «❌ Отмена» handled (the dialog left). Returns the choice, or `null` once cancelled.
 */
export async function takeChoice(ctx: BotContext): Promise<string | null | undefined> {
  const choice = choiceOf(ctx);
  await ctx.answerCbQuery();
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  if (choice !== 'cancel') return choice;
  await ctx.scene.leave();
  await ctx.reply(botTexts.cancelled);
  return null;
}

/** A pressed dialog button: `d:<choice>`. */
export function choiceOf(ctx: BotContext): string | undefined {
  const data =
    ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  return data?.startsWith('d:') ? data.slice(2) : undefined;
}
