import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PERIOD_PRESETS, PeriodPreset, ReportPeriod } from '../reports/report-period';
import { ReportsService } from '../reports/reports.service';
import { fail } from './http/problem';
import { reasonText } from '../texts/ru/reasons';

export class PeriodQuery {
  @ApiPropertyOptional({
    description: `${PERIOD_PRESETS.join(', ')}, or DD.MM.YYYY-DD.MM.YYYY; this_month when left out`,
    example: 'this_month',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  period?: string;
}

/** `?period=` as the bot's report menu understands it: a named period or a typed range. */
export function periodOf(reports: ReportsService, query: PeriodQuery): ReportPeriod {
  const value = query.period ?? 'this_month';
  if ((PERIOD_PRESETS as readonly string[]).includes(value)) {
    return reports.period(value as PeriodPreset);
  }
  const parsed = reports.parsePeriod(value);
  if (!parsed.ok) {
    const detail = reasonText(parsed);
    throw fail(422, 'invalid', detail, [{ field: 'period', message: detail }]);
  }
  return parsed.period;
}
