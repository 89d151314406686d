import { scoreIntakeCorpus } from '../../test/support/intake-corpus';

// The targets (docs/product.md §11, issue 16), held on the labelled corpus so that a change
// to the parser or the aliases that loses them fails CI. `npm run bench -- intake` prints them.
describe('the intake parser on the labelled corpus', () => {
  const score = scoreIntakeCorpus();

  it('holds at least 300 messages, orders and not orders', () => {
    expect(score.samples).toBeGreaterThanOrEqual(300);
    expect(score.nonOrders).toBeGreaterThanOrEqual(40);
  });

  it('takes nothing that is not an order for an order', () => {
    expect(score.misses.filter((m) => m.field === 'isOrder' && m.expected === false)).toEqual([]);
  });

  it.each([
    ['clientPhone', 0.95],
    ['address', 0.95],
    ['equipmentType', 0.9],
    ['arrival', 0.9],
  ] as const)('reads %s with precision and recall of at least %s', (field, target) => {
    const { precision, recall } = score.fields[field];
    expect(precision).toBeGreaterThanOrEqual(target);
    expect(recall).toBeGreaterThanOrEqual(target);
  });
});
