import type { StoredMessage } from './fake-bot-api';
import { buttonsOf, TelegramUser } from './telegram-user';

/** One page of a list as the person saw it. */
export interface SeenPage {
  text: string;
  buttons: string[];
}

const INDICATOR = /стр\. (\d+)\/(\d+)/;

/** Which page a list message shows: «стр. N/M», or 1 of 1 when it has no indicator. */
export function pageNumberOf(message: StoredMessage): { page: number; pages: number } {
  const match = INDICATOR.exec(message.visibleText ?? '');
  return match ? { page: Number(match[1]), pages: Number(match[2]) } : { page: 1, pages: 1 };
}

const snapshot = (message: StoredMessage): SeenPage => ({
  text: message.visibleText ?? '',
  buttons: buttonsOf(message).map((button) => button.text),
});

/**
 * Presses ▶️ under `list` (a live message of the fake) until its last page, then ◀️ back to
 * the first. Every press must be answered without an alert and edit the same message to the
 * next page; ◀️ must show exactly what ▶️ showed. Returns the pages in order.
 */
export async function pageThrough(user: TelegramUser, list: StoredMessage): Promise<SeenPage[]> {
  const { page: first, pages } = pageNumberOf(list);
  if (first !== 1) throw new Error(`the list opens on page ${first}, not 1`);
  const seen = [snapshot(list)];
  const turn = async (label: '◀️' | '▶️', to: number) => {
    user.pressOn(list, label);
    const answer = await user.lastAnswer();
    if (answer.show_alert) throw new Error(`${label} answered with an alert: ${answer.text}`);
    await user.api.waitFor(() => {
      const now = pageNumberOf(list);
      return now.page === to && now.pages === pages;
    });
  };
  for (let page = 2; page <= pages; page++) {
    await turn('▶️', page);
    seen.push(snapshot(list));
  }
  if (buttonsOf(list).some((button) => button.text === '▶️'))
    throw new Error('the last page still offers ▶️');
  for (let page = pages - 1; page >= 1; page--) {
    await turn('◀️', page);
    const again = snapshot(list);
    if (JSON.stringify(again) !== JSON.stringify(seen[page - 1]))
      throw new Error(
        `page ${page} differs going back:\n${again.text}\n---\n${seen[page - 1].text}`,
      );
  }
  if (buttonsOf(list).some((button) => button.text === '◀️'))
    throw new Error('the first page offers ◀️');
  return seen;
}
