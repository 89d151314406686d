import { Markup } from 'telegraf';
import type { BotContext } from '../bot-context';
import { askInDialog } from './ask-in-dialog';

const PETR = { id: 5001, is_bot: false, first_name: 'Пётр', last_name: '<Мастеров>' };
const skip = Markup.inlineKeyboard([Markup.button.callback('⏭️ Пропустить', 'd:skip')]);

/** A context in `chat` that records what the bot replies. */
function contextIn(type: 'private' | 'group' | 'supergroup') {
  const replies: { text: string; extra: Record<string, unknown> }[] = [];
  const ctx = {
    chat: { id: type === 'private' ? PETR.id : -1001, type },
    from: PETR,
    reply: (text: string, extra: Record<string, unknown> = {}) => {
      replies.push({ text, extra });
      return Promise.resolve({ message_id: replies.length });
    },
  } as unknown as BotContext;
  return { ctx, replies };
}

describe('askInDialog', () => {
  it('asks in a private chat exactly as given', async () => {
    const { ctx, replies } = contextIn('private');

    await askInDialog(ctx, 'Сумма < 1 000?', skip);

    expect(replies).toEqual([{ text: 'Сумма < 1 000?', extra: skip }]);
  });

  it('asks in a group with force_reply, naming the person with an escaped mention', async () => {
    const { ctx, replies } = contextIn('supergroup');

    await askInDialog(ctx, 'Сумма < 1 000?');

    expect(replies).toEqual([
      {
        text: '<a href="tg://user?id=5001">Пётр &lt;Мастеров&gt;</a>, ответьте на это сообщение.\nСумма &lt; 1 000?',
        extra: { parse_mode: 'HTML', reply_markup: { force_reply: true, selective: true } },
      },
    ]);
  });

  it('keeps a question that is HTML already as it is', async () => {
    const { ctx, replies } = contextIn('group');

    await askInDialog(ctx, '<b>Сумма</b>', { parse_mode: 'HTML' });

    expect(replies[0].text).toMatch(/сообщение\.\n<b>Сумма<\/b>$/);
  });

  it('sends the buttons a group question offers in a message of their own', async () => {
    const { ctx, replies } = contextIn('group');

    await askInDialog(ctx, 'Причина?', skip);

    expect(replies.map((r) => r.extra.reply_markup)).toEqual([
      { force_reply: true, selective: true },
      skip.reply_markup,
    ]);
    expect(replies[1].text).toBe('Или нажмите кнопку:');
  });
});
