import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
  validateSync,
  ValidationError,
} from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { resolve } from 'node:path';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const CRON = /^(\S+\s+){4}\S+$/;
/** "15m", "2h", "1h30m". */
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?$/;

/** Minutes in a duration such as "1h30m"; `NaN` when it is not one. */
export function durationMinutes(text: string): number {
  const match = DURATION.exec(String(text));
  if (!match || (match[1] === undefined && match[2] === undefined)) return NaN;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

export class ProfitRule {
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  types?: string[];

  @IsOptional()
  @IsNumber()
  @Min(0)
  minNetRubles?: number;

  @IsNumber()
  @Min(0)
  @Max(100)
  masterPercent: number;
}

export class ProfitConfig {
  @IsObject()
  typeRates: Record<string, number> = {};

  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => ProfitRule)
  rules: ProfitRule[];

  @IsNumber()
  @Min(0)
  @Max(100)
  seniorMinPercent: number;

  @IsNumber()
  @Min(0)
  @Max(100)
  outOfCityBonusPercent: number;

  @IsNumber()
  @Min(0)
  @Max(100)
  reviewBonusPercent: number;
}

export class SlaMinutes {
  @IsInt() @Min(1) NEW: number;
  @IsInt() @Min(1) ASSIGNED: number;
  @IsInt() @Min(1) ACCEPTED: number;
  @IsInt() @Min(1) ONSITE: number;
}

export class QuietHours {
  @Matches(HH_MM, { message: 'must be a time as HH:MM' }) start: string;
  @Matches(HH_MM, { message: 'must be a time as HH:MM' }) end: string;
}

export class ReminderConfig {
  @IsInt() @Min(1) checkEveryMinutes: number;

  /**
   * How long an order may wait unassigned or unaccepted before each reminder ("15m", "1h"),
   * counted from its entry into the status. After the last one it is only listed in the
   * morning digest: reminders must end (docs/product.md §12).
   */
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  escalation: string[];

  @IsInt() @Min(1) slaCheckEveryMinutes: number;
  @IsInt() @Min(1) visitReminderBeforeMinutes: number;

  /** `escalation` in minutes, ascending. */
  get escalationMinutes(): number[] {
    return this.escalation.map(durationMinutes);
  }
}

export class ScheduleConfig {
  @Matches(CRON, { message: 'must be a cron expression like "30 21 * * *"' })
  eveningSummary: string;
  @Matches(CRON, { message: 'must be a cron expression like "0 8 * * *"' })
  dailyReport: string;
  @Matches(CRON, { message: 'must be a cron expression like "0 9 * * 1"' })
  weeklyReport: string;
  @Matches(CRON, { message: 'must be a cron expression like "0 10 1 * *"' })
  monthlyReport: string;
  @Matches(CRON, { message: 'must be a cron expression like "0 2 1 * *"' })
  mastersMonthlyArchive: string;
  @Matches(CRON, { message: 'must be a cron expression like "0 3 * * *"' })
  backup: string;
  @Matches(CRON, { message: 'must be a cron expression like "30 4 * * *"' })
  cleanup: string;
}

export class IntakeConfig {
  /** How long an unconfirmed draft waits ("30m", "24h"). */
  @Matches(DURATION, { message: 'must be a duration like 30m, 24h or 1h30m' })
  draftTtl: string;

  /** Configured type → lowercase aliases; a trailing `*` matches the start of a word. */
  @IsObject()
  equipmentAliases: Record<string, string[]> = {};

  get draftTtlMinutes(): number {
    return durationMinutes(this.draftTtl);
  }
}

/** Business rules from `config/business.yaml` (+ override), docs/product.md §2, §6, §8. */
export class BusinessConfig {
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  equipmentTypes: string[];

  @ValidateNested()
  @Type(() => ProfitConfig)
  profit: ProfitConfig;

  @ValidateNested()
  @Type(() => SlaMinutes)
  slaMinutes: SlaMinutes;

  @ValidateNested()
  @Type(() => QuietHours)
  quietHours: QuietHours;

  @ValidateNested()
  @Type(() => ReminderConfig)
  reminders: ReminderConfig;

  @ValidateNested()
  @Type(() => ScheduleConfig)
  schedule: ScheduleConfig;

  @ValidateNested()
  @Type(() => IntakeConfig)
  intake: IntakeConfig;
}

const DEFAULT_OVERRIDE_FILE = 'config/business.local.yaml';

/** Reads the defaults and the optional override, merged key by key, and validates them. */
export function loadBusinessConfig(overridePath?: string): {
  config?: BusinessConfig;
  problems: string[];
} {
  const problems: string[] = [];
  const base = readYaml(locateDefaults(), problems);
  const override =
    overridePath ?? (existsSync(DEFAULT_OVERRIDE_FILE) ? DEFAULT_OVERRIDE_FILE : undefined);
  const merged = override ? deepMerge(base, readYaml(override, problems)) : base;
  if (problems.length) return { problems };

  const config = plainToInstance(BusinessConfig, merged);
  problems.push(
    ...flatten(validateSync(config), 'business config'),
    ...typeRateProblems(config),
    ...escalationProblems(config),
    ...intakeAliasProblems(config),
  );
  return problems.length ? { problems } : { config, problems };
}

// Works from src/ (ts-node, jest) and from dist/src/ (built app).
function locateDefaults(): string {
  const candidates = [
    resolve(__dirname, '../../config/business.yaml'),
    resolve(__dirname, '../../../config/business.yaml'),
  ];
  return candidates.find((file) => existsSync(file)) ?? candidates[0];
}

// class-validator cannot check the values of a free-form map.
function typeRateProblems(config: BusinessConfig): string[] {
  return Object.entries(config.profit?.typeRates ?? {})
    .filter(([, percent]) => typeof percent !== 'number' || percent < 0 || percent > 100)
    .map(
      ([type]) => `business config.profit.typeRates.${type}: must be a percentage from 0 to 100`,
    );
}

// A ladder that goes down or stays would remind twice in one run, or never again.
function escalationProblems(config: BusinessConfig): string[] {
  const steps = config.reminders?.escalation;
  if (!Array.isArray(steps) || !steps.every((step) => typeof step === 'string')) return [];
  const minutes = steps.map(durationMinutes);
  const ascending = minutes.every((m, i) => m >= 1 && (i === 0 || m > minutes[i - 1]));
  return ascending
    ? []
    : [
        'business config.reminders.escalation: must be durations like 15m, 1h or 1h30m, each longer than the one before',
      ];
}

// An alias must lead to a type the dialog offers, or «✅ Создать заявку» would be refused.
function intakeAliasProblems(config: BusinessConfig): string[] {
  const aliases = config.intake?.equipmentAliases;
  if (!isPlainObject(aliases)) return [];
  const types = Array.isArray(config.equipmentTypes) ? config.equipmentTypes : [];
  return Object.entries(aliases).flatMap(([type, list]) => {
    const path = `business config.intake.equipmentAliases.${type}`;
    if (!types.includes(type)) return [`${path}: not one of equipmentTypes`];
    const valid =
      Array.isArray(list) &&
      list.every((alias) => typeof alias === 'string' && alias.replace('*', '').trim() !== '');
    return valid ? [] : [`${path}: must be a list of non-empty strings`];
  });
}

function readYaml(file: string, problems: string[]): Record<string, unknown> {
  try {
    const parsed = parseYaml(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
    problems.push(`${file}: must be a YAML mapping of settings`);
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  return {};
}

function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>) {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] =
      isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(errors: ValidationError[], path: string): string[] {
  return errors.flatMap((error) => {
    const here = `${path}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map(
      (message) =>
        // class-validator starts its messages with the property name; the path says it already.
        `${here}: ${message.replace(new RegExp(`^${error.property} `), '')}`,
    );
    return [...own, ...flatten(error.children ?? [], here)];
  });
}
