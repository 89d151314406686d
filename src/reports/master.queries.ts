import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACTIVE_STATUSES } from '../orders/order-status';
import { liveOrders } from '../orders/order.repository';
import { displayName } from '../users/users.service';
import type { ReportPeriod } from './report-period';
import { flagOf, instantOf, instantParameter, numberOf, RawRow } from './sql-values';

export type MasterState = 'active' | 'inactive' | 'fired';

export interface MasterInfo {
  id: number;
  name: string;
  state: MasterState;
}

/** A master's current load: not tied to a period. */
export interface MasterWorkload {
  active: number;
  longRepairs: number;
}

/** Orders a master gave up in a period, from the status history (the order no longer has them). */
export interface MasterSetbacks {
  clientRefusals: number;
  masterCancels: number;
}

/** Masters and what the order tables say about them, grouped in the database. */
@Injectable()
export class MasterQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Every master ever added, fired ones too: their old orders still name them. */
  async directory(): Promise<Map<number, MasterInfo>> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .from('masters', 'm')
      .innerJoin('users', 'u', 'u.id = m.user_id')
      .select('m.id', 'id')
      .addSelect('m.is_active', 'isActive')
      .addSelect('m.fired_at', 'firedAt')
      .addSelect('u.telegram_id', 'telegramId')
      .addSelect('u.first_name', 'firstName')
      .addSelect('u.last_name', 'lastName')
      .addSelect('u.username', 'username')
      .orderBy('m.id')
      .getRawMany<RawRow>();
    return new Map(
      rows.map((row) => {
        const id = numberOf(row.id);
        const name = displayName({
          telegramId: numberOf(row.telegramId),
          firstName: row.firstName as string | null,
          lastName: row.lastName as string | null,
          username: row.username as string | null,
        });
        const state: MasterState = instantOf(row.firedAt)
          ? 'fired'
          : flagOf(row.isActive)
            ? 'active'
            : 'inactive';
        return [id, { id, name, state }];
      }),
    );
  }

  async workload(): Promise<Map<number, MasterWorkload>> {
    const rows = await liveOrders(this.dataSource)
      .select('o.master_id', 'masterId')
      .addSelect('COUNT(*)', 'active')
      .addSelect(`SUM(CASE WHEN o.status = 'DR' THEN 1 ELSE 0 END)`, 'longRepairs')
      .where('o.master_id IS NOT NULL')
      .andWhere('o.status IN (:...active)', { active: ACTIVE_STATUSES })
      .groupBy('o.master_id')
      .getRawMany<RawRow>();
    return new Map(
      rows.map((row) => [
        numberOf(row.masterId),
        { active: numberOf(row.active), longRepairs: numberOf(row.longRepairs) },
      ]),
    );
  }

  async setbacks(period: ReportPeriod): Promise<Map<number, MasterSetbacks>> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .from('order_status_history', 'h')
      .select('h.master_id', 'masterId')
      .addSelect(`SUM(CASE WHEN h.action = 'client_refused' THEN 1 ELSE 0 END)`, 'clientRefusals')
      .addSelect(`SUM(CASE WHEN h.action = 'master_cancel' THEN 1 ELSE 0 END)`, 'masterCancels')
      .where('h.master_id IS NOT NULL')
      .andWhere(`h.action IN ('client_refused', 'master_cancel')`)
      .andWhere('h.created_at >= :from AND h.created_at < :to', {
        from: instantParameter(this.dataSource, period.from),
        to: instantParameter(this.dataSource, period.to),
      })
      .groupBy('h.master_id')
      .getRawMany<RawRow>();
    return new Map(
      rows.map((row) => [
        numberOf(row.masterId),
        {
          clientRefusals: numberOf(row.clientRefusals),
          masterCancels: numberOf(row.masterCancels),
        },
      ]),
    );
  }
}
