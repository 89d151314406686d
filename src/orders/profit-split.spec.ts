import { loadBusinessConfig, ProfitConfig } from '../config/business-config';
import { InvalidMoneyError } from './money';
import { InvalidProfitConfigError, ProfitInput, splitProfit } from './profit-split';

/** Equal to the `profit` section of config/business.yaml (checked by a spec below). */
const DEFAULTS: ProfitConfig = {
  typeRates: {},
  rules: [
    { types: ['Холодильники'], minNetRubles: 20000, masterPercent: 60 },
    { types: ['Электрика', 'Сантехника', 'Водонагреватели', 'Холодильники'], masterPercent: 50 },
    { minNetRubles: 7000, masterPercent: 50 },
    { masterPercent: 40 },
  ],
  seniorMinPercent: 50,
  outOfCityBonusPercent: 10,
  reviewBonusPercent: 10,
};

const rubles = (amount: number) => Math.round(amount * 100);

function order(overrides: Partial<ProfitInput> = {}): ProfitInput {
  return {
    totalKopecks: rubles(10_000),
    materialsKopecks: rubles(3_000),
    equipmentType: 'Стиральные машины',
    seniorOrAdmin: false,
    outOfCity: false,
    reviewTaken: false,
    reviewBonusEnabled: false,
    ...overrides,
  };
}

/** The order of a given type whose net is exactly `netRubles`. */
function netOrder(equipmentType: string, netRubles: number, overrides: Partial<ProfitInput> = {}) {
  return order({
    equipmentType,
    totalKopecks: rubles(netRubles),
    materialsKopecks: 0,
    ...overrides,
  });
}

// mulberry32: a tiny seeded generator, so the random cases are the same on every run.
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('splitProfit: the worked example of docs/product.md §6', () => {
  it('splits net 7 000 ₽ of total 10 000 ₽ and materials 3 000 ₽ as 3 500 / 3 500', () => {
    expect(splitProfit(order(), DEFAULTS)).toEqual({
      netKopecks: rubles(7_000),
      masterPercent: 50,
      masterShareKopecks: rubles(3_500),
      companyShareKopecks: rubles(3_500),
    });
  });

  it('gives the master 4 200 / 2 800 out of city', () => {
    const split = splitProfit(order({ outOfCity: true }), DEFAULTS);
    expect(split).toMatchObject({
      masterPercent: 60,
      masterShareKopecks: rubles(4_200),
      companyShareKopecks: rubles(2_800),
    });
  });

  it('gives the master 4 900 / 2 100 out of city with a review taken and the bonus enabled', () => {
    const input = order({ outOfCity: true, reviewTaken: true, reviewBonusEnabled: true });
    expect(splitProfit(input, DEFAULTS)).toMatchObject({
      masterPercent: 70,
      masterShareKopecks: rubles(4_900),
      companyShareKopecks: rubles(2_100),
    });
  });

  it('ignores a review taken while the review bonus is disabled', () => {
    const input = order({ outOfCity: true, reviewTaken: true, reviewBonusEnabled: false });
    expect(splitProfit(input, DEFAULTS).masterShareKopecks).toBe(rubles(4_200));
  });

  it('ignores the enabled review bonus when no review was taken', () => {
    const input = order({ reviewTaken: false, reviewBonusEnabled: true });
    expect(splitProfit(input, DEFAULTS).masterShareKopecks).toBe(rubles(3_500));
  });
});

describe('splitProfit: the shipped config/business.yaml', () => {
  const loaded = loadBusinessConfig();
  const shipped = loaded.config!.profit;

  it('loads without problems and equals the defaults these specs use', () => {
    expect(loaded.problems).toEqual([]);
    expect(shipped).toEqual(DEFAULTS);
  });

  it.each([
    [{}, 3_500, 3_500],
    [{ outOfCity: true }, 4_200, 2_800],
    [{ outOfCity: true, reviewTaken: true, reviewBonusEnabled: true }, 4_900, 2_100],
    [{ outOfCity: true, reviewTaken: true, reviewBonusEnabled: false }, 4_200, 2_800],
  ])('gives the worked example with %j as %d / %d', (overrides, master, company) => {
    expect(splitProfit(order(overrides), shipped)).toMatchObject({
      masterShareKopecks: rubles(master),
      companyShareKopecks: rubles(company),
    });
  });
});

describe('splitProfit: rule 1, a configured rate for the equipment type', () => {
  const withCoffeeRate = { ...DEFAULTS, typeRates: { 'Кофе машина': 55 } };

  it('uses the type rate instead of the rules', () => {
    expect(splitProfit(netOrder('Кофе машина', 1_000), withCoffeeRate)).toMatchObject({
      masterPercent: 55,
      masterShareKopecks: rubles(550),
      companyShareKopecks: rubles(450),
    });
  });

  it('leaves other types to the rules', () => {
    expect(splitProfit(netOrder('Телевизоры', 1_000), withCoffeeRate).masterPercent).toBe(40);
  });

  it('still adds the out-of-city bonus to a type rate', () => {
    const input = netOrder('Кофе машина', 1_000, { outOfCity: true });
    expect(splitProfit(input, withCoffeeRate).masterPercent).toBe(65);
  });

  it('does not mistake an Object.prototype name for a configured type', () => {
    expect(splitProfit(netOrder('constructor', 1_000), DEFAULTS).masterPercent).toBe(40);
  });

  it.each([-5, 150, Number.NaN])('refuses the type rate %d as a broken config', (rate) => {
    const config = { ...DEFAULTS, typeRates: { 'Кофе машина': rate } };
    expect(() => splitProfit(netOrder('Кофе машина', 1_000), config)).toThrow(
      InvalidProfitConfigError,
    );
  });
});

describe('splitProfit: rule 2, the first matching rule', () => {
  it.each([
    ['Холодильники', 20_000, 60],
    ['Холодильники', 50_000, 60],
    ['Холодильники', 19_999.99, 50],
    ['Холодильники', 100, 50],
    ['Электрика', 100, 50],
    ['Электрика', 50_000, 50],
    ['Сантехника', 100, 50],
    ['Сантехника', 6_999.99, 50],
    ['Водонагреватели', 100, 50],
    ['Водонагреватели', 30_000, 50],
    ['Стиральные машины', 7_000, 50],
    ['Стиральные машины', 30_000, 50],
    ['Стиральные машины', 6_999.99, 40],
    ['Телевизоры', 100, 40],
    ['Неизвестный тип', 0, 40],
  ])('gives the master of «%s» with net %d ₽ %d %%', (type, net, percent) => {
    expect(splitProfit(netOrder(type, net), DEFAULTS).masterPercent).toBe(percent);
  });

  it('splits a fridge with net 20 000 ₽ as 12 000 / 8 000', () => {
    expect(splitProfit(netOrder('Холодильники', 20_000), DEFAULTS)).toMatchObject({
      masterShareKopecks: rubles(12_000),
      companyShareKopecks: rubles(8_000),
    });
  });

  it('splits net 6 999,99 ₽ of another type 40/60 to whole kopecks', () => {
    expect(splitProfit(netOrder('Телевизоры', 6_999.99), DEFAULTS)).toMatchObject({
      netKopecks: 699_999,
      masterShareKopecks: 280_000,
      companyShareKopecks: 419_999,
    });
  });

  it('refuses a config whose rules match nothing', () => {
    const config = { ...DEFAULTS, rules: [{ types: ['Холодильники'], masterPercent: 50 }] };
    expect(() => splitProfit(netOrder('Телевизоры', 1_000), config)).toThrow(
      InvalidProfitConfigError,
    );
  });
});

describe('splitProfit: rule 3, senior master or admin', () => {
  it('raises 40 % to the senior minimum of 50 %', () => {
    const input = netOrder('Телевизоры', 1_000, { seniorOrAdmin: true });
    expect(splitProfit(input, DEFAULTS)).toMatchObject({
      masterPercent: 50,
      masterShareKopecks: rubles(500),
    });
  });

  it('keeps 60 %, which is already above the minimum', () => {
    const input = netOrder('Холодильники', 25_000, { seniorOrAdmin: true });
    expect(splitProfit(input, DEFAULTS).masterPercent).toBe(60);
  });

  it('applies the bonuses on top of the senior minimum', () => {
    const input = netOrder('Телевизоры', 1_000, { seniorOrAdmin: true, outOfCity: true });
    expect(splitProfit(input, DEFAULTS).masterPercent).toBe(60);
  });
});

describe('splitProfit: bonuses and the cap', () => {
  it('caps the master at 100 % and leaves the company nothing', () => {
    const generous = { ...DEFAULTS, outOfCityBonusPercent: 40, reviewBonusPercent: 30 };
    const input = netOrder('Холодильники', 30_000, {
      outOfCity: true,
      reviewTaken: true,
      reviewBonusEnabled: true,
    });
    expect(splitProfit(input, generous)).toMatchObject({
      masterPercent: 100,
      masterShareKopecks: rubles(30_000),
      companyShareKopecks: 0,
    });
  });

  it('adds fractional percents without float drift (40.1 + 10 + 10 is 60.1, not 60.099…)', () => {
    const config = { ...DEFAULTS, typeRates: { 'Кофе машина': 40.1 } };
    const input = netOrder('Кофе машина', 1_000, {
      outOfCity: true,
      reviewTaken: true,
      reviewBonusEnabled: true,
    });
    expect(splitProfit(input, config)).toMatchObject({
      masterPercent: 60.1,
      masterShareKopecks: rubles(601),
    });
  });

  it('rounds an exact half kopeck up where naive float math would round it down', () => {
    // 1 500 × 33.3 / 100 is 499.5 exactly, but in floats it is 499.49999999999994.
    const config = { ...DEFAULTS, typeRates: { 'Кофе машина': 33.3 } };
    const input = order({ equipmentType: 'Кофе машина', totalKopecks: 1_500, materialsKopecks: 0 });
    expect(splitProfit(input, config)).toMatchObject({
      masterShareKopecks: 500,
      companyShareKopecks: 1_000,
    });
  });
});

describe('splitProfit: kopecks and amounts', () => {
  it('splits odd kopecks into whole kopecks that sum to net (1 001 at 40 %)', () => {
    const input = order({ equipmentType: 'Телевизоры', totalKopecks: 1_001, materialsKopecks: 0 });
    expect(splitProfit(input, DEFAULTS)).toEqual({
      netKopecks: 1_001,
      masterPercent: 40,
      masterShareKopecks: 400,
      companyShareKopecks: 601,
    });
  });

  it('gives whole, non-negative shares that sum to net for 1 000 seeded random orders', () => {
    const random = seededRandom(20_240_601);
    const types = ['Холодильники', 'Электрика', 'Телевизоры', 'Кофе машина'];
    const config = { ...DEFAULTS, typeRates: { 'Кофе машина': 33.3 } };
    for (let i = 0; i < 1_000; i++) {
      const totalKopecks = Math.floor(random() * 5_000_000_000);
      const input = order({
        totalKopecks,
        materialsKopecks: Math.floor(random() * (totalKopecks + 1)),
        equipmentType: types[Math.floor(random() * types.length)],
        seniorOrAdmin: random() < 0.5,
        outOfCity: random() < 0.5,
        reviewTaken: random() < 0.5,
        reviewBonusEnabled: random() < 0.5,
      });
      const split = splitProfit(input, config);
      expect(split.netKopecks).toBe(input.totalKopecks - input.materialsKopecks);
      expect(Number.isInteger(split.masterShareKopecks)).toBe(true);
      expect(split.masterShareKopecks).toBeGreaterThanOrEqual(0);
      expect(split.companyShareKopecks).toBeGreaterThanOrEqual(0);
      expect(split.masterShareKopecks + split.companyShareKopecks).toBe(split.netKopecks);
      const exact = (split.netKopecks * split.masterPercent) / 100;
      expect(Math.abs(split.masterShareKopecks - exact)).toBeLessThanOrEqual(0.5 + 1e-6);
    }
  });

  it('gives both shares zero when materials equal the total', () => {
    const input = order({ totalKopecks: rubles(3_000), materialsKopecks: rubles(3_000) });
    expect(splitProfit(input, DEFAULTS)).toMatchObject({
      netKopecks: 0,
      masterShareKopecks: 0,
      companyShareKopecks: 0,
    });
  });

  it('refuses materials above the total', () => {
    const input = order({ totalKopecks: rubles(3_000), materialsKopecks: rubles(3_000) + 1 });
    expect(() => splitProfit(input, DEFAULTS)).toThrow(InvalidMoneyError);
  });

  it.each([
    [{ totalKopecks: -100, materialsKopecks: -200 }],
    [{ materialsKopecks: -1 }],
    [{ totalKopecks: 100.5 }],
    [{ materialsKopecks: Number.NaN }],
    [{ totalKopecks: Number.MAX_SAFE_INTEGER + 2 }],
  ])('refuses the amounts %p', (overrides) => {
    expect(() => splitProfit(order(overrides), DEFAULTS)).toThrow(InvalidMoneyError);
  });
});
