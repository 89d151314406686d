import { Markup } from 'telegraf';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { botTexts } from '../../texts/ru/bot';
import type { BotContext } from '../bot-context';
import type { Part } from '../../common/message-parts';

/** The «стр. N/M» line under a list of more than one page; a single page shows none. */
export const withPageIndicator = (text: string, part: Part): string =>
  part.count > 1 ? `${text}\n\n${botTexts.pageIndicator(part.index + 1, part.count)}` : text;

/** ◀️ and ▶️ where there is a page to go to; `pageButton` builds a page's callback data. */
function pagerRow(
  page: { page: number; pageCount: number },
  pageButton: (page: number) => string,
): InlineKeyboardButton[] {
  const row: InlineKeyboardButton[] = [];
  if (page.page > 0)
    row.push(Markup.button.callback(botTexts.buttons.previousPage, pageButton(page.page - 1)));
  if (page.page < page.pageCount - 1)
    row.push(Markup.button.callback(botTexts.buttons.nextPage, pageButton(page.page + 1)));
  return row;
}

/** `rows`, then the pager row when the list has more than one page. */
export const withPager = (
  rows: InlineKeyboardButton[][],
  page: { page: number; pageCount: number },
  pageButton: (page: number) => string,
): InlineKeyboardButton[][] => {
  const pager = pagerRow(page, pageButton);
  return pager.length ? [...rows, pager] : rows;
};

/** A list without buttons of its own: only ◀️/▶️, and no keyboard at all on a single page. */
export const pagerKeyboard = (
  page: { page: number; pageCount: number },
  pageButton: (page: number) => string,
) => (page.pageCount > 1 ? Markup.inlineKeyboard([pagerRow(page, pageButton)]) : {});

interface PageExtra {
  reply_markup?: InlineKeyboardMarkup;
}

const NOT_MODIFIED = /message is not modified/i;

/**
 * Shows a list page: a menu button or command gets a new message, ◀️/▶️ edit the message
 * they are under, so paging does not flood the chat.
 */
export async function showPage(
  ctx: BotContext,
  how: 'reply' | 'edit',
  text: string,
  extra: PageExtra = {},
): Promise<void> {
  if (how === 'reply') {
    await ctx.reply(text, extra);
    return;
  }
  try {
    await ctx.editMessageText(text, extra);
  } catch (error) {
    // A stale ▶️ pressed again asks for the page already shown: Telegram answers "not modified".
    if (NOT_MODIFIED.test((error as Error).message)) return;
    // A message that can no longer be edited (deleted meanwhile): the page comes as a new one.
    await ctx.reply(text, extra);
  }
}
