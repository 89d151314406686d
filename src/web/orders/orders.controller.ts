import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Outcome } from '../../common/outcome';
import { BusinessConfig } from '../../config/business-config';
import type { Environment } from '../../config/environment';
import { OrderQueriesService } from '../../orders/order-queries.service';
import { OrderChange, OrdersService } from '../../orders/orders.service';
import { webTexts } from '../../texts/ru/web';
import { MastersService } from '../../users/masters.service';
import type { WebVisitor } from '../auth/web-auth.service';
import { Visitor, WebGuard } from '../auth/web-guard';
import { flashOf } from '../views/layout';
import { orderCardFragment, OrderCardModel, orderCardPage } from '../views/order-card.view';
import { EMPTY_FORM, orderFormPage } from '../views/order-form.view';
import { WebExceptionFilter } from '../web-exception.filter';
import { OrderCardQueries } from './order-card.queries';
import { changedFields, formValues, intField, valuesOf } from './order-form';
import { AnyReason, reasonText } from '../../texts/ru/reasons';

type FormBody = Record<string, unknown>;

/**
 * Create, view, edit, assign, cancel and restore orders. Every change is a call of the same
 * use case the bot calls, with the signed-in person as the actor: same rights, version checks,
 * audit and Telegram notifications.
 */
@Controller('web/orders')
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly queries: OrderQueriesService,
    private readonly card: OrderCardQueries,
    private readonly masters: MastersService,
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Get('new')
  newOrder(@Visitor() visitor: WebVisitor) {
    return orderFormPage(visitor, {
      values: { ...EMPTY_FORM, equipmentType: this.business.equipmentTypes[0] },
      equipmentTypes: this.business.equipmentTypes,
      creationKey: `web:${randomUUID()}`,
    }).value;
  }

  @Post()
  async create(@Visitor() visitor: WebVisitor, @Body() body: FormBody, @Res() response: Response) {
    const values = formValues(body);
    const creationKey =
      typeof body.creationKey === 'string' ? body.creationKey.slice(0, 64) : undefined;
    const created = await this.orders.create(
      { ...values, notes: values.notes || null, arrivalText: values.arrival, creationKey },
      visitor.actor,
    );
    if (created.ok)
      return this.toCard(response, created.value.id, webTexts.order.created(created.value.id));
    response.status(422).send(
      orderFormPage(visitor, {
        values,
        creationKey,
        equipmentTypes: this.business.equipmentTypes,
        problem: { field: created.field, message: reasonText(created) },
      }).value,
    );
  }

  @Get(':id')
  async show(
    @Visitor() visitor: WebVisitor,
    @Param('id', ParseIntPipe) id: number,
    @Query('ok') ok?: string,
    @Query('error') error?: string,
  ) {
    return orderCardPage(visitor, await this.model(id), flashOf(ok, error)).value;
  }

  /** The card alone, for the live refresh. */
  @Get(':id/card')
  async cardFragment(@Visitor() visitor: WebVisitor, @Param('id', ParseIntPipe) id: number) {
    return orderCardFragment(visitor, await this.model(id)).value;
  }

  @Get(':id/edit')
  async editForm(@Visitor() visitor: WebVisitor, @Param('id', ParseIntPipe) id: number) {
    const order = await this.found(id);
    return orderFormPage(visitor, {
      orderId: id,
      version: order.version,
      values: valuesOf(order),
      equipmentTypes: this.business.equipmentTypes,
    }).value;
  }

  /** Field by field, each one a versioned edit: the first refusal stops and is shown. */
  @Post(':id/edit')
  async edit(
    @Visitor() visitor: WebVisitor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: FormBody,
    @Res() response: Response,
  ) {
    const order = await this.found(id);
    const values = formValues(body);
    let version = intField(body.version) ?? undefined;
    const changes = changedFields(valuesOf(order), values);
    for (const change of changes) {
      const edited = await this.orders.edit(
        { id, version },
        change.field,
        change.input,
        visitor.actor,
      );
      if (!edited.ok) {
        response.status(422).send(
          orderFormPage(visitor, {
            orderId: id,
            version,
            values,
            equipmentTypes: this.business.equipmentTypes,
            problem: { field: edited.field ?? change.field, message: reasonText(edited) },
          }).value,
        );
        return;
      }
      version = edited.value.version;
    }
    this.toCard(response, id, changes.length ? webTexts.order.saved : webTexts.order.unchanged);
  }

  @Post(':id/assign')
  async assign(
    @Visitor() visitor: WebVisitor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: FormBody,
    @Res() response: Response,
  ) {
    const masterId = intField(body.masterId) ?? 0;
    const ref = this.ref(id, body);
    const order = await this.found(id);
    const outcome = order.masterId
      ? await this.orders.reassign(ref, masterId, visitor.actor)
      : await this.orders.assign(ref, masterId, visitor.actor);
    this.afterChange(response, id, outcome);
  }

  /** The one-button changes: unassign, cancel (with a reason), restore. */
  @Post(':id/:action')
  async change(
    @Visitor() visitor: WebVisitor,
    @Param('id', ParseIntPipe) id: number,
    @Param('action') action: string,
    @Body() body: FormBody,
    @Res() response: Response,
  ) {
    const ref = this.ref(id, body);
    const reason = typeof body.reason === 'string' ? body.reason : '';
    const changes: Record<string, () => Promise<OrderChange>> = {
      unassign: () => this.orders.unassign(ref, visitor.actor),
      cancel: () => this.orders.cancel(ref, reason, visitor.actor),
      restore: () => this.orders.restore(ref, visitor.actor),
    };
    if (!Object.hasOwn(changes, action)) throw new NotFoundException(webTexts.errors.notFound);
    this.afterChange(response, id, await changes[action]());
  }

  private ref(id: number, body: FormBody) {
    return { id, version: intField(body.version) ?? undefined };
  }

  private afterChange(response: Response, id: number, outcome: Outcome<unknown, AnyReason>) {
    if (outcome.ok) this.toCard(response, id, webTexts.order.done);
    else
      response.redirect(303, `/web/orders/${id}?error=${encodeURIComponent(reasonText(outcome))}`);
  }

  private toCard(response: Response, id: number, text: string) {
    response.redirect(303, `/web/orders/${id}?ok=${encodeURIComponent(text)}`);
  }

  private async found(id: number) {
    const order = await this.queries.findCard(id);
    if (!order) throw new NotFoundException(webTexts.errors.notFound);
    return order;
  }

  private async model(id: number): Promise<OrderCardModel> {
    const order = await this.found(id);
    const [history, audit, masters] = await Promise.all([
      this.queries.historyOf(id),
      this.card.auditOf(id),
      this.masters.choicesForAssignment(),
    ]);
    return { order, history, audit, masters, zone: this.config.get('TZ', { infer: true }) };
  }
}
