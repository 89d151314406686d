import { MESSAGE_LIMIT, messageSize, Part, splitToFit } from '../../common/message-parts';
import { pageOf, parsePageNumber, splitDigest } from './pages';

const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** A list as the bot lays one out: a title, a line per item, «стр. N/M» when paged. */
const listOf =
  (line: (n: number) => string) =>
  (chunk: readonly number[], part: Part): string =>
    [
      '📋 Список:',
      ...chunk.map(line),
      ...(part.count > 1 ? ['', `стр. ${part.index + 1}/${part.count}`] : []),
    ].join('\n');

describe('splitToFit', () => {
  it('keeps a list that fits in one chunk', () => {
    expect(splitToFit(numbers(3), listOf(String))).toEqual([[1, 2, 3]]);
  });

  it('cuts a long list so every chunk fits, in order, nothing lost or repeated', () => {
    const render = listOf((n) => `• #${n} ${'ул. Ленина, д. 5 '.repeat(8)}`);
    const items = numbers(500);
    const chunks = splitToFit(items, render);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(items);
    chunks.forEach((chunk, index) =>
      expect(messageSize(render(chunk, { index, count: chunks.length }))).toBeLessThanOrEqual(
        MESSAGE_LIMIT,
      ),
    );
  });

  it('fills each chunk as far as the limit allows', () => {
    const render = listOf((n) => `${n}`.padStart(9, '.'));
    const chunks = splitToFit(numbers(100), render, { limit: 200 });
    for (const [index, chunk] of chunks.slice(0, -1).entries()) {
      const next = chunks[index + 1][0];
      expect(messageSize(render([...chunk, next], { index, count: 100 }))).toBeGreaterThan(200);
    }
  });

  it('puts at most maxItems in a chunk (each item may also be a button)', () => {
    const chunks = splitToFit(numbers(25), listOf(String), { maxItems: 10 });
    expect(chunks.map((chunk) => chunk.length)).toEqual([10, 10, 5]);
  });

  it('measures with the longest part numbers the list could show', () => {
    // 9 items of 10 characters: the widest «стр. 9/9» decides, not «стр. 1/1».
    const render = listOf((n) => `${n}`.padStart(10, '.'));
    const chunks = splitToFit(numbers(9), render, { limit: 60 });
    chunks.forEach((chunk, index) =>
      expect(messageSize(render(chunk, { index, count: chunks.length }))).toBeLessThanOrEqual(60),
    );
  });

  it('counts HTML markup and entities, so the parsed text is within the limit too', () => {
    const render = (chunk: readonly number[]) =>
      chunk.map((n) => `<b>#${n}</b> Рога &amp; копыта`).join('\n');
    const chunks = splitToFit(numbers(50), render, { limit: 100 });
    for (const chunk of chunks) {
      expect(messageSize(render(chunk))).toBeLessThanOrEqual(100);
      // Whole lines only: every tag that opens in a message closes in it.
      const text = render(chunk);
      expect(text.split('<b>').length).toBe(text.split('</b>').length);
    }
  });

  it('counts an emoji by its UTF-16 length, never less than Telegram does', () => {
    expect(messageSize('👨‍🔧')).toBeGreaterThanOrEqual([...'👨‍🔧'].length);
  });

  it('gives an item too long for a message a chunk of its own instead of dropping it', () => {
    const render = (chunk: readonly string[]) => chunk.join('\n');
    expect(splitToFit(['a', 'x'.repeat(20), 'b'], render, { limit: 10 })).toEqual([
      ['a'],
      ['x'.repeat(20)],
      ['b'],
    ]);
  });

  it('has no chunks for no items', () => {
    expect(splitToFit([], listOf(String))).toEqual([]);
  });
});

describe('pageOf', () => {
  const render = listOf((n) => `• заявка #${n} ${'—'.repeat(40)}`);
  const items = numbers(300);

  it('pages through every item once, forward and back', () => {
    const first = pageOf(items, render, 0, { maxItems: 10 });
    expect(first.pageCount).toBe(30);
    const pages = numbers(first.pageCount).map((n) =>
      pageOf(items, render, n - 1, { maxItems: 10 }),
    );
    expect(pages.flatMap((page) => page.items)).toEqual(items);
    expect(pages[29].text).toContain('стр. 30/30');
    expect(pageOf(items, render, 28, { maxItems: 10 })).toEqual(pages[28]);
  });

  it('clamps a forged or stale page number into the pages there are now', () => {
    expect(pageOf(items, render, 999_999, { maxItems: 10 })).toMatchObject({ page: 29 });
    expect(pageOf(numbers(5), render, 3, { maxItems: 10 })).toMatchObject({
      page: 0,
      pageCount: 1,
      items: numbers(5),
    });
  });

  it('shows an empty list as one page without an indicator', () => {
    expect(pageOf([], render, 2)).toEqual({
      items: [],
      page: 0,
      pageCount: 1,
      text: '📋 Список:',
    });
  });
});

describe('splitDigest', () => {
  it('sends a short digest as one message', () => {
    expect(splitDigest([1, 2], listOf(String))).toEqual(['📋 Список:\n1\n2']);
  });

  it('splits a long digest into messages that each fit and name their part', () => {
    const parts = splitDigest(
      numbers(400),
      listOf((n) => `• #${n} ${'x'.repeat(50)}`),
    );
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((text, i) => {
      expect(messageSize(text)).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(text).toContain(`стр. ${i + 1}/${parts.length}`);
    });
  });

  it('still says something about an empty digest', () => {
    expect(splitDigest([], listOf(String))).toEqual(['📋 Список:']);
  });
});

describe('parsePageNumber', () => {
  it('reads a page number', () => {
    expect(parsePageNumber('0')).toBe(0);
    expect(parsePageNumber('12')).toBe(12);
  });

  it.each([undefined, '', '-1', '1.5', '1e3', 'abc', '9999999', ' 1'])('refuses %p', (arg) => {
    expect(parsePageNumber(arg)).toBeNull();
  });
});
