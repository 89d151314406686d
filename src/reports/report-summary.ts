import type { OrderStatus } from '../orders/order-status';
import type { MoneyTotals } from './closed-order.queries';
import type { CountOf } from './count-by';
import type { PeriodName } from './report-period';

/** Closed orders' money, with the refusals of the period when the report counts them. */
export type SummaryTotals = MoneyTotals & { refused?: number };

/** A master's or an equipment type's closed orders, for a summary line. */
export interface SummaryLine {
  name: string;
  orders: number;
  netKopecks: number;
  companyShareKopecks: number;
}

/**
 * What the text beside a report says, as data: counts, totals and title facts. Each adapter
 * words it (`texts/ru/report-summary.ts`); the scheduler queues it as the `report.text` row.
 * Master names are as in the file (`reportLabels.cells.withoutMaster` for none).
 */
export type ReportSummary =
  | {
      kind: 'active_orders';
      orders: number;
      byStatus: CountOf<OrderStatus>[];
      byMaster: CountOf<string>[];
      byType: CountOf<string>[];
    }
  /** The evening summary (docs/product.md §8): the day's new orders; none is said too. */
  | {
      kind: 'evening';
      period: PeriodName;
      orders: number;
      byStatus: CountOf<OrderStatus>[];
      byType: CountOf<string>[];
    }
  | {
      kind: 'summary';
      period: PeriodName;
      totals: SummaryTotals;
      byMaster: SummaryLine[];
      byType: SummaryLine[];
    }
  | {
      kind: 'master_statistics';
      period: PeriodName;
      totals: MoneyTotals;
      masters: {
        name: string;
        closed: number;
        netKopecks: number;
        completionRate: number | null;
      }[];
    }
  | {
      kind: 'master_report';
      master: string;
      period: PeriodName;
      totals: MoneyTotals;
      byType: SummaryLine[];
    };

/** Why a report has no file. */
export type EmptyReport =
  | { kind: 'no_active_orders' }
  | { kind: 'no_closed_orders'; period: PeriodName }
  | { kind: 'no_master_figures'; period: PeriodName }
  | { kind: 'no_master_orders'; master: string; period: PeriodName }
  | { kind: 'master_not_found' };

/** The text a report is told by: its summary, or why there is no file. */
export type ReportNote = ReportSummary | EmptyReport;
