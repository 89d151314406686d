import type { BotContext } from '../bot-context';

/** The state a dialog keeps between answers (persisted with the session). */
export function dialogState<T extends object>(
  ctx: BotContext,
): T & { orderId: number; version?: number; step: string } {
  return ctx.scene.state as T & { orderId: number; version?: number; step: string };
}

/** A pressed dialog button: `d:<choice>`. */
export function choiceOf(ctx: BotContext): string | undefined {
  const data =
    ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  return data?.startsWith('d:') ? data.slice(2) : undefined;
}
