import { DRAFT_FIELDS } from '../../intake/intake.service';
import { draftCardKeyboard, intakeCallback, parseIntakeCallback } from './intake.keyboards';

describe('intake draft buttons', () => {
  it('round-trips every button of the largest draft id within 64 bytes', () => {
    const id = 9_999_999_999;
    for (const data of [
      intakeCallback.create(id),
      intakeCallback.fix(id),
      intakeCallback.reject(id),
      intakeCallback.back(id),
      ...DRAFT_FIELDS.map((field) => intakeCallback.field(id, field)),
    ]) {
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseIntakeCallback(data)?.draftId).toBe(id);
    }
    expect(parseIntakeCallback(intakeCallback.field(7, 'clientPhone'))).toEqual({
      action: 'f',
      draftId: 7,
      field: 'clientPhone',
    });
  });

  it.each(['in:ok:x', 'in:f:7:9', 'in:f:7', 'o:card:7', 'in:ok:12345678901', ''])(
    'refuses the forged button "%s"',
    (data) => {
      expect(parseIntakeCallback(data)).toBeNull();
    },
  );

  it('offers «🔎 Открыть заявку #N» only for a draft flagged as a duplicate', () => {
    const labels = (dup: number | null) =>
      draftCardKeyboard(1, dup)
        .reply_markup.inline_keyboard.flat()
        .map((b) => b.text);
    expect(labels(null)).toEqual(['✅ Создать заявку', '✏️ Исправить поле', '❌ Отклонить']);
    expect(labels(42)).toContain('🔎 Открыть заявку #42');
  });
});
