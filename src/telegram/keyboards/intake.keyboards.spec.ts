import { draftCardKeyboard } from './intake.keyboards';

describe('intake draft buttons', () => {
  it('offers «🔎 Открыть заявку #N» only for a draft flagged as a duplicate', () => {
    const labels = (dup: number | null) =>
      draftCardKeyboard(1, dup)
        .reply_markup.inline_keyboard.flat()
        .map((b) => b.text);
    expect(labels(null)).toEqual(['✅ Создать заявку', '✏️ Исправить поле', '❌ Отклонить']);
    expect(labels(42)).toContain('🔎 Открыть заявку #42');
  });
});
