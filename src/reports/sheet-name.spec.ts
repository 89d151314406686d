import { SHEET_NAME_MAX_LENGTH, SheetNames, validSheetName } from './sheet-name';

describe('validSheetName', () => {
  it('replaces the characters Excel forbids', () => {
    expect(validSheetName('Иванов: плиты/духовки [2] *?\\')).toBe('Иванов плиты духовки 2');
  });

  it('cuts long names to 31 characters', () => {
    const name = validSheetName('Константинопольский Александр Владимирович');
    expect(name).toBe('Константинопольский Александр В');
    expect(name).toHaveLength(SHEET_NAME_MAX_LENGTH);
  });

  it('never splits an emoji in half at the cut', () => {
    const name = validSheetName(`${'a'.repeat(30)}🔧`);
    expect(name).toBe('a'.repeat(30));
  });

  it('drops apostrophes at the ends, which Excel uses to quote sheet names', () => {
    expect(validSheetName("'Мастер'")).toBe('Мастер');
  });

  it('leaves nothing when nothing is allowed', () => {
    expect(validSheetName(' :/ ')).toBe('');
  });
});

describe('SheetNames', () => {
  it('numbers repeated names, ignoring case as Excel does', () => {
    const names = new SheetNames('Лист');
    expect(names.next('Иван Петров')).toBe('Иван Петров');
    expect(names.next('иван петров')).toBe('иван петров (2)');
    expect(names.next('Иван Петров')).toBe('Иван Петров (3)');
  });

  it('keeps numbered long names within 31 characters', () => {
    const names = new SheetNames('Лист');
    const long = 'Константинопольский Александр Владимирович';
    expect(names.next(long)).toHaveLength(31);
    const second = names.next(long);
    expect(second).toBe('Константинопольский Алексан (2)');
    expect(second).toHaveLength(31);
  });

  it('falls back to a default name for an empty one', () => {
    const names = new SheetNames('Лист');
    expect(names.next('')).toBe('Лист');
    expect(names.next('???')).toBe('Лист (2)');
  });

  it('avoids "History", which Excel reserves', () => {
    expect(new SheetNames('Лист').next('History')).toBe('History (2)');
  });
});
