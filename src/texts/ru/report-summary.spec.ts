import { composeSummary, SUMMARY_SECTION_LINES, SUMMARY_TEXT_LIMIT } from './report-summary';

const lines = (count: number, width = 10) =>
  Array.from({ length: count }, (_, i) => `• ${String(i + 1).padStart(width, '0')}`);

describe('composeSummary', () => {
  it('shows short lists in full', () => {
    expect(composeSummary('Итого', [{ title: 'По мастерам:', lines: ['• Иван', '• Пётр'] }])).toBe(
      'Итого\n\nПо мастерам:\n• Иван\n• Пётр',
    );
  });

  it('leaves out empty sections', () => {
    expect(composeSummary('Итого', [{ title: 'По мастерам:', lines: [] }])).toBe('Итого');
  });

  it('shows the top lines of a long list and counts the rest', () => {
    const text = composeSummary('Итого', [{ title: 'Типы:', lines: lines(25) }]);
    const shown = text.split('\n').filter((line) => line.startsWith('•'));
    expect(shown).toHaveLength(SUMMARY_SECTION_LINES);
    expect(text.endsWith(`…и ещё ${25 - SUMMARY_SECTION_LINES}`)).toBe(true);
  });

  it('stays under the Telegram limit and keeps room for every section', () => {
    const text = composeSummary('Итого', [
      { title: 'По мастерам:', lines: lines(20, 400) },
      { title: 'По типам техники:', lines: lines(20, 400) },
    ]);
    expect(text.length).toBeLessThanOrEqual(SUMMARY_TEXT_LIMIT);
    expect(text).toMatch(/По мастерам:\n(• \d+\n)+…и ещё \d+\n\nПо типам техники:\n/);
    expect(text).toMatch(/…и ещё \d+$/);
  });

  it('cuts a list to what fits under a small limit', () => {
    const text = composeSummary('x', [{ title: 'T', lines: lines(3, 10) }], 30);
    expect(text.length).toBeLessThanOrEqual(30);
    expect(text).toBe('x\n\nT\n• 0000000001\n…и ещё 2');
  });
});
