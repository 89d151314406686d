import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { failure, Outcome, success } from '../common/outcome';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import { UsersService } from '../users/users.service';
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
    private readonly users: UsersService,
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async close(
    tx: EntityManager,
    order: Order,
    money: MoneyFigures,
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
        seniorOrAdmin:
          order.masterId !== null && (await this.users.isSeniorOrAdmin(tx, order.masterId)),
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
}
