import { ProfitConfig, ProfitRule } from '../config/business-config';
import { assertKopecks, InvalidMoneyError } from './money';

/** What the profit split of a completed order depends on (docs/product.md §6). */
export interface ProfitInput {
  totalKopecks: number;
  materialsKopecks: number;
  equipmentType: string;
  /** Rule 3: a senior master, or an admin working as a master. */
  seniorOrAdmin: boolean;
  /** Rule 4. */
  outOfCity: boolean;
  /** Rule 5, applies only when `reviewBonusEnabled`. */
  reviewTaken: boolean;
  /** REVIEW_BONUS_ENABLED. */
  reviewBonusEnabled: boolean;
}

export interface ProfitSplit {
  netKopecks: number;
  masterPercent: number;
  masterShareKopecks: number;
  companyShareKopecks: number;
}

/** A profit config that cannot produce a split; start-up validation should have refused it. */
export class InvalidProfitConfigError extends Error {
  override readonly name = 'InvalidProfitConfigError';
}

// Percentages are handled as whole hundredths of a percent: adding bonuses (55.1 + 10 + 10)
// and applying them to net then never meets binary-fraction drift.
const HUNDREDTHS_IN_WHOLE = 10_000;

/** Splits net (total − materials) between master and company; the shares always sum to net. */
export function splitProfit(input: ProfitInput, config: ProfitConfig): ProfitSplit {
  const netKopecks = netOf(input);
  const hundredths = masterHundredths(input, netKopecks, config);
  const masterShareKopecks = shareOf(netKopecks, hundredths);
  return {
    netKopecks,
    masterPercent: hundredths / 100,
    masterShareKopecks,
    companyShareKopecks: netKopecks - masterShareKopecks,
  };
}

// The last guard: callers validate amounts with the master before they get here.
function netOf({ totalKopecks, materialsKopecks }: ProfitInput): number {
  assertKopecks(totalKopecks, 'total');
  assertKopecks(materialsKopecks, 'materials');
  if (totalKopecks < 0 || materialsKopecks < 0) {
    throw new InvalidMoneyError(
      `amounts must not be negative: total ${totalKopecks}, materials ${materialsKopecks}`,
    );
  }
  if (materialsKopecks > totalKopecks) {
    throw new InvalidMoneyError(
      `materials (${materialsKopecks}) must not exceed total (${totalKopecks})`,
    );
  }
  return totalKopecks - materialsKopecks;
}

function masterHundredths(input: ProfitInput, net: number, config: ProfitConfig): number {
  let master = baseHundredths(input.equipmentType, net, config);
  if (input.seniorOrAdmin) {
    master = Math.max(master, toHundredths(config.seniorMinPercent, 'seniorMinPercent'));
  }
  if (input.outOfCity) {
    master += toHundredths(config.outOfCityBonusPercent, 'outOfCityBonusPercent');
  }
  if (input.reviewBonusEnabled && input.reviewTaken) {
    master += toHundredths(config.reviewBonusPercent, 'reviewBonusPercent');
  }
  return Math.min(master, HUNDREDTHS_IN_WHOLE);
}

// Rule 1 (a fixed rate for the type) before rule 2 (the first matching rule).
function baseHundredths(type: string, net: number, config: ProfitConfig): number {
  // hasOwn: an equipment type named like an Object.prototype key must not find a function.
  if (Object.hasOwn(config.typeRates, type)) {
    return toHundredths(config.typeRates[type], `typeRates["${type}"]`);
  }
  const rule = config.rules.find((candidate) => ruleMatches(candidate, type, net));
  if (!rule) {
    throw new InvalidProfitConfigError(
      `no profit rule matches "${type}" with net ${net} kopecks; end the rules with one without types and minNetRubles`,
    );
  }
  return toHundredths(rule.masterPercent, 'rules[].masterPercent');
}

function ruleMatches(rule: ProfitRule, type: string, net: number): boolean {
  const typeMatches = !rule.types || rule.types.includes(type);
  return typeMatches && net >= Math.round((rule.minNetRubles ?? 0) * 100);
}

// typeRates values are not checked by the config's validators, so every percent is checked here.
function toHundredths(percent: number, what: string): number {
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new InvalidProfitConfigError(`${what} must be a percent from 0 to 100, got ${percent}`);
  }
  return Math.round(percent * 100);
}

// BigInt keeps net × hundredths exact for any safe amount; adding half the divisor rounds half up.
function shareOf(net: number, hundredths: number): number {
  const divisor = BigInt(HUNDREDTHS_IN_WHOLE);
  return Number((BigInt(net) * BigInt(hundredths) + divisor / 2n) / divisor);
}
