import type { Message } from 'telegraf/types';
import { forwardOriginOf } from './order-paste';

const ZONE = 'Europe/Moscow';
// 30.11.2026 09:15 UTC: 12:15 in Moscow.
const DATE = Date.UTC(2026, 10, 30, 9, 15) / 1000;
const message = (fields: Record<string, unknown>) =>
  ({
    message_id: 1,
    date: DATE + 60,
    chat: { id: 1, type: 'private' },
    text: 'x',
    ...fields,
  }) as unknown as Message;

describe('forwardOriginOf', () => {
  it('names the person a message was forwarded from, with when they wrote it', () => {
    const forwarded = message({
      forward_origin: {
        type: 'user',
        sender_user: { id: 5, is_bot: false, first_name: 'Ольга', last_name: 'Петрова' },
        date: DATE,
      },
    });
    expect(forwardOriginOf(forwarded, ZONE)).toBe(
      '↪️ Переслано от Ольга Петрова, 30.11.2026 12:15',
    );
  });

  it('takes the name Telegram gives for a sender who hides their account', () => {
    const forwarded = message({
      forward_origin: { type: 'hidden_user', sender_user_name: 'Олег С.', date: DATE },
    });
    expect(forwardOriginOf(forwarded, ZONE)).toBe('↪️ Переслано от Олег С., 30.11.2026 12:15');
  });

  it('names a channel or a group by its title', () => {
    const channel = message({
      forward_origin: {
        type: 'channel',
        chat: { id: -100, type: 'channel', title: 'Сайт: заявки' },
        message_id: 7,
        date: DATE,
      },
    });
    expect(forwardOriginOf(channel, ZONE)).toBe('↪️ Переслано от Сайт: заявки, 30.11.2026 12:15');
  });

  it('reads the fields of Bot API servers older than 7.0', () => {
    const forwarded = message({ forward_sender_name: 'Клиент с сайта', forward_date: DATE });
    expect(forwardOriginOf(forwarded, ZONE)).toBe(
      '↪️ Переслано от Клиент с сайта, 30.11.2026 12:15',
    );
  });

  it('says nothing about a message typed or pasted by the person', () => {
    expect(forwardOriginOf(message({}), ZONE)).toBeNull();
  });
});
