import { pageWindow } from './page-window';

describe('pageWindow', () => {
  it('gives the requested page and where it starts', () => {
    expect(pageWindow(2, 45, 10)).toEqual({ page: 2, pageCount: 5, offset: 20 });
  });

  it('clamps a page past the end to the last one (the list shrank, or the button was forged)', () => {
    expect(pageWindow(99, 45, 10)).toEqual({ page: 4, pageCount: 5, offset: 40 });
  });

  it.each([-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY])(
    'shows the first page for %p',
    (page) => {
      expect(pageWindow(page, 45, 10)).toEqual({ page: 0, pageCount: 5, offset: 0 });
    },
  );

  it('has one empty page for an empty list', () => {
    expect(pageWindow(3, 0, 10)).toEqual({ page: 0, pageCount: 1, offset: 0 });
  });
});
