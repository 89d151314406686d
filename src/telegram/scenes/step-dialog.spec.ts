import { botTexts } from '../../texts/ru/bot';
import { masterTexts } from '../../texts/ru/master';
import type { BotContext } from '../bot-context';
import { ButtonStepDialog, END, replyOnly, withLead } from './step-dialog';

type Step = 'time' | 'reason' | 'confirm';

/** A three-step dialog like «📅 Перенести визит», recording what it did. */
class TestDialog extends ButtonStepDialog<'reschedule', Step> {
  saved: unknown[] = [];
  protected scene = 'reschedule' as const;
  protected first = 'time' as const;
  protected steps = {
    time: this.step({
      ask: (ctx, state, lead) => ctx.reply(withLead(lead, `Время для #${state.orderId}?`)),
      parse: (text: string) =>
        /^\d\d:\d\d$/.test(text) ? { ok: true, value: text } : { ok: false, problem: 'Не время' },
      next: (_ctx, state, time) => {
        state.arrivalText = time;
        return time === '00:00' ? { problem: 'Ночью нельзя' } : { to: 'reason', lead: 'Принято' };
      },
    }),
    reason: this.step({
      ask: (ctx, _state, lead) => ctx.reply(withLead(lead, 'Причина?')),
      parse: (text: string) => ({ ok: true, value: { reason: text } }),
      choices: ['skip'],
      next: (_ctx, state, answer) => {
        state.reason = answer === 'skip' ? null : answer.reason;
        return 'confirm';
      },
    }),
    confirm: this.step({
      ask: (ctx) => ctx.reply('Подтвердить?'),
      choices: ['confirm'],
      onError: replyOnly,
      next: async (ctx, state) => {
        this.saved.push({ ...state });
        await ctx.scene.leave();
        return END;
      },
    }),
  };
}

/** A private-chat context holding the dialog's state, recording the bot's replies. */
function context(state: Record<string, unknown> = { orderId: 7, version: 2 }) {
  const replies: string[] = [];
  const ctx = {
    chat: { id: 1, type: 'private' },
    scene: { state, leave: jest.fn() },
    reply: (text: string) => {
      replies.push(text);
      return Promise.resolve({});
    },
    answerCbQuery: jest.fn(),
    editMessageReplyMarkup: () => Promise.resolve(),
  } as Record<string, unknown>;
  const say = (text: string) => {
    ctx.message = { text };
    ctx.callbackQuery = undefined;
  };
  const press = (data: string) => {
    ctx.message = undefined;
    ctx.callbackQuery = { data };
  };
  return { ctx: ctx as unknown as BotContext, state, replies, say, press };
}

describe('StepDialog', () => {
  it('asks the first step, then each next one, and ends where a step says', async () => {
    const dialog = new TestDialog();
    const { ctx, state, replies, say, press } = context();

    await dialog.onEnter(ctx);
    say('10:30');
    await dialog.onText(ctx);
    press('d:skip');
    await dialog.onChoice(ctx);
    press('d:confirm');
    await dialog.onChoice(ctx);

    expect(replies).toEqual(['Время для #7?', 'Принято\n\nПричина?', 'Подтвердить?']);
    expect(dialog.saved).toEqual([
      expect.objectContaining({ step: 'confirm', arrivalText: '10:30', reason: null }),
    ]);
    expect(state.step).toBe('confirm');
    expect(ctx.scene.leave).toHaveBeenCalled();
  });

  it('says what is wrong and asks the same question again', async () => {
    const dialog = new TestDialog();
    const { ctx, state, replies, say } = context();
    await dialog.onEnter(ctx);

    say('завтра');
    await dialog.onText(ctx);
    say('00:00');
    await dialog.onText(ctx);

    expect(replies.slice(1)).toEqual([
      'Не время\n\nВремя для #7?',
      'Ночью нельзя\n\nВремя для #7?',
    ]);
    expect(state.step).toBe('time');
  });

  it("answers text on a buttons-only step with the step's own error", async () => {
    const dialog = new TestDialog();
    const { ctx, replies, say } = context({ orderId: 7, version: 2, step: 'confirm' });

    say('да');
    await dialog.onText(ctx);

    expect(replies).toEqual([masterTexts.answerWithButtons]);
  });

  it('ignores a button of another step and leaves on «❌ Отмена»', async () => {
    const dialog = new TestDialog();
    const { ctx, state, replies, press } = context({ orderId: 7, version: 2, step: 'time' });

    press('d:confirm');
    await dialog.onChoice(ctx);
    expect(replies).toEqual([]);
    expect(state.step).toBe('time');

    press('d:cancel');
    await dialog.onChoice(ctx);
    expect(replies).toEqual([botTexts.cancelled]);
    expect(ctx.scene.leave).toHaveBeenCalled();
  });

  it('takes a dialog saved without a known step as being at its first', async () => {
    const dialog = new TestDialog();
    const { ctx, state, replies, say } = context({ orderId: 7, version: 2, step: 'gone' });

    say('10:30');
    await dialog.onText(ctx);

    expect(state.step).toBe('reason');
    expect(replies).toEqual(['Принято\n\nПричина?']);
  });
});
