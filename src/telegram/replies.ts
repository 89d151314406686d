import { Markup } from 'telegraf';
import type { Outcome } from '../common/outcome';
import type { ArrivalTime } from '../orders/arrival-time.parser';
import { arrivalTexts } from '../texts/ru/arrival';
import { masterTexts } from '../texts/ru/master';
import { AnyReason, reasonText } from '../texts/ru/reasons';
import type { BotContext } from './bot-context';
import { buttons } from './buttons';

const ALERT_LIMIT = 200;

/** Answers a button press; a failure is shown as an alert (≤ 200 characters, Telegram's limit). */
export async function answerButton(
  ctx: BotContext,
  outcome: Outcome<unknown, AnyReason>,
  done?: string,
) {
  if (!ctx.callbackQuery) return;
  if (outcome.ok) await ctx.answerCbQuery(done?.slice(0, ALERT_LIMIT));
  else await ctx.answerCbQuery(reasonText(outcome).slice(0, ALERT_LIMIT), { show_alert: true });
}

/**
 * A recognised arrival time echoed back (docs/product.md §2.4), with the warning when it is less
 * than 30 minutes ahead: the time is kept, but the dispatcher should look at it again.
 */
export const arrivalEcho = (time: Extract<ArrivalTime, { kind: 'time' }>) =>
  time.warning === 'soon'
    ? `${arrivalTexts.recognized(time.echo)}\n${arrivalTexts.soonWarning}`
    : arrivalTexts.recognized(time.echo);

/** Dialog buttons: `d:<choice>`. */
export const dialogChoice = (choice: 'yes' | 'no' | 'confirm' | 'skip' | 'cancel') =>
  buttons.choice.build({ choice });

export const yesNoKeyboard = () =>
  Markup.inlineKeyboard([
    [
      Markup.button.callback(masterTexts.yes, dialogChoice('yes')),
      Markup.button.callback(masterTexts.no, dialogChoice('no')),
    ],
  ]);

export const confirmKeyboard = () =>
  Markup.inlineKeyboard([
    [
      Markup.button.callback(masterTexts.confirm, dialogChoice('confirm')),
      Markup.button.callback('❌ Отмена', dialogChoice('cancel')),
    ],
  ]);

export const skipKeyboard = () =>
  Markup.inlineKeyboard([[Markup.button.callback(masterTexts.skip, dialogChoice('skip'))]]);

/** The text of a message update, if any. */
export const textOf = (ctx: BotContext): string | undefined =>
  ctx.message && 'text' in ctx.message ? ctx.message.text : undefined;
