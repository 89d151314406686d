import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { failure, Outcome, success } from '../common/outcome';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import type { ActorWithRights } from '../users/actor';
import { MasterRepository } from '../users/master.repository';
import { isAmount } from './money';
import type { OrderReason } from './order-reasons';
import type { Order } from './order.entity';
import { splitProfit } from './profit-split';

/** What the master reports when closing an order, or an admin corrects afterwards. */
export interface MoneyFigures {
  totalKopecks: number;
  materialsKopecks: number;
  reviewTaken: boolean;
  outOfCity: boolean;
}

/** The money columns of a closed order. */
export type ClosedMoney = Pick<
  Order,
  | 'totalKopecks'
  | 'materialsKopecks'
  | 'netKopecks'
  | 'masterShareKopecks'
  | 'companyShareKopecks'
  | 'reviewTaken'
  | 'outOfCity'
>;

/**
 * The money of a closed order (docs/product.md §6): the figures checked, the split by the
 * configured rules, for the master the order has when it closes.
 */
@Injectable()
export class OrderMoney {
  constructor(
    private readonly masters: MasterRepository,
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** `actor`, read in the same transaction, is often the order's master: their rights decide. */
  async close(
    tx: EntityManager,
    order: Order,
    money: MoneyFigures,
    actor: ActorWithRights,
  ): Promise<Outcome<ClosedMoney, OrderReason>> {
    if (!isAmount(money.totalKopecks) || !isAmount(money.materialsKopecks)) {
      return failure('invalid', { reason: 'bad_amount' }, 'total');
    }
    if (money.materialsKopecks > money.totalKopecks) {
      return failure('invalid', { reason: 'materials_over_total' }, 'materials');
    }
    const split = splitProfit(
      {
        totalKopecks: money.totalKopecks,
        materialsKopecks: money.materialsKopecks,
        equipmentType: order.equipmentType,
        seniorOrAdmin: await this.seniorOrAdmin(tx, order.masterId, actor),
        outOfCity: money.outOfCity,
        reviewTaken: money.reviewTaken,
        reviewBonusEnabled: this.config.get('REVIEW_BONUS_ENABLED', { infer: true }),
      },
      this.business.profit,
    );
    return success({
      totalKopecks: money.totalKopecks,
      materialsKopecks: money.materialsKopecks,
      netKopecks: split.netKopecks,
      masterShareKopecks: split.masterShareKopecks,
      companyShareKopecks: split.companyShareKopecks,
      reviewTaken: money.reviewTaken,
      outOfCity: money.outOfCity,
    });
  }

  private async seniorOrAdmin(
    tx: EntityManager,
    masterId: number | null,
    actor: ActorWithRights,
  ): Promise<boolean> {
    if (masterId === null) return false;
    if (masterId !== actor.activeMasterId) return this.masters.isSeniorOrAdmin(tx, masterId);
    return actor.roles.has('SENIOR_MASTER') || actor.roles.has('ADMIN');
  }
}
