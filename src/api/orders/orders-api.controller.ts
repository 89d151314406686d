import {
  Body,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { AuditQueries } from '../../audit/audit.queries';
import { BusinessConfig } from '../../config/business-config';
import { validateNewOrder } from '../../orders/order-fields';
import { OrderListQueries } from '../../orders/order-list.queries';
import { OrderQueriesService } from '../../orders/order-queries.service';
import { EditableField, editableFields, OrdersService } from '../../orders/orders.service';
import { ApiController } from '../http/api-controller.decorator';
import { ApiRequest, KeyRoles, keyOf } from '../http/api-key.guard';
import { fail, FieldError, valueOf } from '../http/problem';
import { etagOf } from './etag';
import { IF_MATCH, OrderAction, OrderChange, OrderChangeRequest, orderView } from './order-change';
import {
  AssignBody,
  CompleteBody,
  CreateOrderBody,
  EditOrderBody,
  LongRepairBody,
  OrderListQuery,
  ReasonBody,
  RescheduleBody,
} from './order.dto';
import { reasonText } from '../../texts/ru/reasons';

const DEFAULT_LIMIT = 50;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * `/api/v1/orders`: the bot's order use cases over HTTP. Every change goes through
 * `OrdersService` with the key's service user as the actor, so the same rules decide.
 */
@ApiController('orders', 'orders')
export class OrdersApiController {
  constructor(
    private readonly orders: OrdersService,
    private readonly lists: OrderListQueries,
    private readonly queries: OrderQueriesService,
    private readonly audit: AuditQueries,
    private readonly business: BusinessConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Orders, newest first, a page at a time (`next` → `cursor`)' })
  async list(@Query() query: OrderListQuery, @Req() request: ApiRequest) {
    const admin = keyOf(request).role === 'ADMIN';
    const at = (value?: string) => (value ? new Date(value) : undefined);
    const page = await this.lists.list(
      {
        statuses: query.status,
        masterId: query.masterId,
        dispatcherId: query.dispatcherId,
        equipmentType: query.equipmentType,
        createdFrom: at(query.createdFrom),
        createdTo: at(query.createdTo),
        closedFrom: at(query.closedFrom),
        closedTo: at(query.closedTo),
        text: query.q,
      },
      query.cursor ?? null,
      query.limit ?? DEFAULT_LIMIT,
    );
    return { items: page.orders.map((order) => orderView(order, admin)), next: page.next };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One order with its history; for admin keys also money and audit' })
  async get(
    @Param('id', ParseIntPipe) id: number,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const order = await this.queries.findCard(id);
    if (!order) throw fail(404, 'not_found', `Order #${id} does not exist.`);
    const admin = keyOf(request).role === 'ADMIN';
    response.setHeader('ETag', etagOf(order.version));
    return {
      ...orderView(order, admin),
      history: await this.queries.historyOf(id),
      ...(admin ? { audit: await this.audit.forEntity('order', id) } : {}),
    };
  }

  @Post()
  @ApiOperation({
    summary: 'Create an order; a retried POST with the same Idempotency-Key creates one',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @Body() body: CreateOrderBody,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = keyOf(request);
    const draft = { ...body, notes: body.notes ?? null };
    // Every bad field at once: the use case stops at its first problem.
    const problems: FieldError[] = [];
    const fields = validateNewOrder(draft, this.business.equipmentTypes);
    if (!fields.ok) {
      problems.push(...fields.problems.map((p) => ({ field: p.field, message: reasonText(p) })));
    }
    const arrival = this.orders.arrivalOf(body.arrival);
    if (!arrival.ok) problems.push({ field: 'arrival', message: reasonText(arrival) });
    if (problems.length) throw fail(422, 'invalid', 'The order has invalid fields.', problems);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw fail(400, 'bad_idempotency_key', 'Idempotency-Key: 1–200 printable characters.');
    }
    // The dialog's creation key, scoped to the API key and hashed to fit the column.
    const creationKey = idempotencyKey
      ? `api:${createHash('sha256').update(`${key.keyId}:${idempotencyKey}`).digest('base64url')}`
      : undefined;
    const order = valueOf(
      await this.orders.create(
        { ...draft, arrivalText: body.arrival ?? null, creationKey },
        key.actor,
      ),
    );
    response.setHeader('Location', `/api/v1/orders/${order.id}`);
    response.setHeader('ETag', etagOf(order.version));
    return orderView(order, key.role === 'ADMIN');
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change one field, checked as in the bot’s editing' })
  @ApiParam({ name: 'id', type: Number })
  @ApiHeader(IF_MATCH)
  edit(@OrderChange() change: OrderChangeRequest, @Body() body: EditOrderBody) {
    const entries = Object.entries(body).filter(([, value]) => value !== undefined);
    if (entries.length !== 1) {
      throw fail(422, 'invalid', 'Send exactly one field: each change is one use case.');
    }
    const [field, value] = entries[0] as [EditableField, string];
    if (!editableFields('DR').includes(field))
      throw fail(422, 'invalid', `Unknown field ${field}.`);
    return change.run((ref, actor) => this.orders.edit(ref, field, value, actor));
  }

  @Delete(':id')
  @HttpCode(200)
  @KeyRoles('ADMIN')
  @ApiOperation({ summary: 'Soft-delete (admins): the order and its history stay' })
  @ApiParam({ name: 'id', type: Number })
  @ApiHeader(IF_MATCH)
  delete(@OrderChange() change: OrderChangeRequest) {
    return change.run((ref, actor) => this.orders.softDelete(ref, actor));
  }

  @OrderAction('assign', 'Assign a master (NEW)')
  assign(@OrderChange() change: OrderChangeRequest, @Body() body: AssignBody) {
    return change.run((ref, actor) => this.orders.assign(ref, body.masterId, actor));
  }

  @OrderAction('reassign', 'Give the order to another master (ASSIGNED)')
  reassign(@OrderChange() change: OrderChangeRequest, @Body() body: AssignBody) {
    return change.run((ref, actor) => this.orders.reassign(ref, body.masterId, actor));
  }

  @OrderAction('unassign', 'Take the order back from its master')
  unassign(@OrderChange() change: OrderChangeRequest) {
    return change.run((ref, actor) => this.orders.unassign(ref, actor));
  }

  @OrderAction('accept', 'Accept on the master’s behalf (admins)')
  accept(@OrderChange() change: OrderChangeRequest) {
    return change.run((ref, actor) => this.orders.accept(ref, actor));
  }

  @OrderAction('on-site', 'On site, on the master’s behalf (admins)')
  onSite(@OrderChange() change: OrderChangeRequest) {
    return change.run((ref, actor) => this.orders.onSite(ref, actor));
  }

  @OrderAction('back-on-site', 'A long repair back on site (admins)')
  backOnSite(@OrderChange() change: OrderChangeRequest) {
    return change.run((ref, actor) => this.orders.backOnSite(ref, actor));
  }

  @OrderAction('reschedule', 'A new visit time (admins, on the master’s behalf)')
  reschedule(@OrderChange() change: OrderChangeRequest, @Body() body: RescheduleBody) {
    return change.run((ref, actor) =>
      this.orders.reschedule(ref, body.arrival, body.reason ?? null, actor),
    );
  }

  @OrderAction('long-repair', 'Long repair, on the master’s behalf (admins)')
  longRepair(@OrderChange() change: OrderChangeRequest, @Body() body: LongRepairBody) {
    const repair = {
      expectedDate: body.expectedDate,
      parts: body.parts ?? null,
      preliminaryKopecks: body.preliminaryKopecks ?? null,
      prepaymentKopecks: body.prepaymentKopecks ?? null,
    };
    return change.run((ref, actor) => this.orders.longRepair(ref, repair, actor));
  }

  @OrderAction('complete', 'Close with money, split by the configured rules (admins)')
  complete(@OrderChange() change: OrderChangeRequest, @Body() body: CompleteBody) {
    const money = {
      totalKopecks: body.totalKopecks,
      materialsKopecks: body.materialsKopecks,
      reviewTaken: body.reviewTaken ?? false,
      outOfCity: body.outOfCity ?? false,
    };
    return change.run((ref, actor) => this.orders.complete(ref, money, actor));
  }

  @OrderAction('client-refused', 'The client refused on site (admins)')
  clientRefused(@OrderChange() change: OrderChangeRequest, @Body() body: ReasonBody) {
    return change.run((ref, actor) => this.orders.clientRefused(ref, body.reason, actor));
  }

  @OrderAction('cancel', 'Cancel an active order')
  cancel(@OrderChange() change: OrderChangeRequest, @Body() body: ReasonBody) {
    return change.run((ref, actor) => this.orders.cancel(ref, body.reason, actor));
  }

  @OrderAction('restore', 'Bring a refused order back as NEW')
  restore(@OrderChange() change: OrderChangeRequest) {
    return change.run((ref, actor) => this.orders.restore(ref, actor));
  }
}
