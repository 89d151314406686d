import type { InlineKeyboardMarkup, User } from 'telegraf/types';
import { botTexts } from '../../texts/ru/bot';
import type { BotContext } from '../bot-context';
import { escapeHtml } from '../cards/html';

export interface QuestionExtra {
  /** The question is HTML already (user text in it escaped); plain text otherwise. */
  parse_mode?: 'HTML';
  /** Buttons that answer it as well as typing does, e.g. «⏭️ Пропустить». */
  reply_markup?: InlineKeyboardMarkup;
}

/**
 * Asks a question whose answer is typed. In a group, Telegram's privacy mode (on by default)
 * keeps plain messages from the bot; a reply to its own message does reach it. So there the
 * question names the person who is asked and carries force_reply, which opens a reply to it
 * in their client alone (`selective` follows the mention). A message cannot carry force_reply
 * and buttons at once: buttons the question also offers follow in a message of their own.
 * Questions answered only by buttons need none of this and are sent as they are.
 */
export async function askInDialog(ctx: BotContext, text: string, extra: QuestionExtra = {}) {
  remember(ctx, { text, extra, typed: true });
  if (!ctx.chat || ctx.chat.type === 'private') return ctx.reply(text, extra);
  const { reply_markup: buttons, parse_mode: parseMode } = extra;
  const html = parseMode === 'HTML' ? text : escapeHtml(text);
  const question = await ctx.reply(
    ctx.from ? botTexts.askedInGroup(mentionOf(ctx.from), html) : html,
    { parse_mode: 'HTML', reply_markup: { force_reply: true, selective: true } },
  );
  if (buttons) await ctx.reply(botTexts.orPressButton, { reply_markup: buttons });
  return question;
}

/**
 * Asks a question answered by buttons only (a choice, a confirmation). Remembered like a typed
 * one, so a wrong answer or an interrupted dialog shows it again with its buttons.
 */
export async function askWithButtons(ctx: BotContext, text: string, extra: QuestionExtra) {
  remember(ctx, { text, extra, typed: false });
  return ctx.reply(text, extra);
}

/**
 * The dialog's current question once more, with its buttons: after an answer that is not
 * valid for the step (a photo, a typed text where buttons are expected) or a lost reply.
 * Says `hint` first. Returns false when the dialog has asked nothing yet.
 */
export async function askAgain(ctx: BotContext, hint?: string): Promise<boolean> {
  const asked = questionOf(ctx);
  if (hint) await ctx.reply(hint);
  if (!asked) return false;
  if (asked.typed) await askInDialog(ctx, asked.text, asked.extra);
  else await askWithButtons(ctx, asked.text, asked.extra);
  return true;
}

interface AskedQuestion {
  text: string;
  extra: QuestionExtra;
  typed: boolean;
}

// Kept in the dialog's state, so it survives a restart with the session.
function remember(ctx: BotContext, question: AskedQuestion): void {
  const state = ctx.scene?.current ? (ctx.scene.state as { question?: AskedQuestion }) : undefined;
  if (state) state.question = question;
}

function questionOf(ctx: BotContext): AskedQuestion | undefined {
  return ctx.scene?.current
    ? (ctx.scene.state as { question?: AskedQuestion }).question
    : undefined;
}

/** A mention by id: works for people without a @username and notifies them. */
function mentionOf(user: User): string {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return `<a href="tg://user?id=${user.id}">${escapeHtml(name)}</a>`;
}
