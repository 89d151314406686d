import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  HttpCode,
  Post,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Outcome } from '../../common/outcome';
import { orderMoney, orderSnapshot } from '../../orders/order-snapshot';
import type { Order } from '../../orders/order.repository';
import type { OrderRef } from '../../orders/orders.service';
import type { Actor } from '../../users/actor';
import { ApiRequest, keyOf } from '../http/api-key.guard';
import { fail, valueOf } from '../http/problem';
import { etagOf, versionFrom } from './etag';
import { reasonText } from '../../texts/ru/reasons';
import type { OrderReason } from '../../orders/order-reasons';

/** An order as the API shows it; money only to admin keys. */
export const orderView = (order: Order, admin: boolean) => ({
  ...orderSnapshot(order),
  ...(admin ? { money: orderMoney(order) } : {}),
});

/** What a change request names: the order, the version the client saw, the key acting. */
export class OrderChangeRequest {
  constructor(
    readonly ref: OrderRef,
    private readonly request: ApiRequest,
    private readonly response: Response,
  ) {}

  /**
   * Runs one use case with the key as the actor; answers the order and its new ETag. A lost
   * race without `If-Match` is a 409: the client named no version that could be stale.
   */
  async run(use: (ref: OrderRef, actor: Actor) => Promise<Outcome<Order, OrderReason>>) {
    const key = keyOf(this.request);
    const outcome = await use(this.ref, key.actor);
    if (!outcome.ok && outcome.code === 'already_changed' && this.ref.version === undefined) {
      throw fail(409, 'already_changed', reasonText(outcome));
    }
    const order = valueOf(outcome);
    this.response.setHeader('ETag', etagOf(order.version));
    return orderView(order, key.role === 'ADMIN');
  }
}

/** `:id` and `If-Match` of the request, as an `OrderChangeRequest`. */
export const OrderChange = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const http = context.switchToHttp();
  const request = http.getRequest<ApiRequest>();
  const id = Number(request.params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw fail(404, 'not_found', 'No such order.');
  const version = versionFrom(request.header('if-match'));
  return new OrderChangeRequest({ id, version }, request, http.getResponse<Response>());
});

export const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag the client saw; a stale one answers 412 and changes nothing',
};

/** `POST /orders/{id}/<action>`: one transition of the order. */
export const OrderAction = (action: string, summary: string) =>
  applyDecorators(
    Post(`:id/${action}`),
    HttpCode(200),
    ApiOperation({ summary }),
    ApiParam({ name: 'id', type: Number }),
    ApiHeader(IF_MATCH),
  );
