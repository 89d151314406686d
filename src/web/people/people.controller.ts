import {
  Body,
  Controller,
  NotFoundException,
  Get,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import type { Outcome } from '../../common/outcome';
import { webTexts } from '../../texts/ru/web';
import { MastersService } from '../../users/masters.service';
import { ROLES } from '../../users/role';
import { UsersService } from '../../users/users.service';
import type { WebVisitor } from '../auth/web-auth.service';
import { Visitor, WebGuard, WebRoles } from '../auth/web-guard';
import { intField } from '../orders/order-form';
import { flashOf } from '../views/layout';
import { mastersPage, usersPage } from '../views/people.view';
import { WebExceptionFilter } from '../web-exception.filter';
import { AnyReason, reasonText } from '../../texts/ru/reasons';

type FormBody = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Masters, users and roles: admins only, each change through MastersService / UsersService. */
@Controller('web')
@UseGuards(WebGuard)
@WebRoles('ADMIN')
@UseFilters(WebExceptionFilter)
export class PeopleController {
  constructor(
    private readonly masters: MastersService,
    private readonly users: UsersService,
  ) {}

  @Get('masters')
  async mastersList(
    @Visitor() visitor: WebVisitor,
    @Query('ok') ok?: string,
    @Query('error') error?: string,
  ) {
    const [masters, choices] = await Promise.all([
      this.masters.listCurrent(),
      this.masters.choicesForAssignment(),
    ]);
    const loads = new Map(choices.map((c) => [c.masterId, c.activeOrders]));
    return mastersPage(visitor, { masters, loads }, flashOf(ok, error)).value;
  }

  @Post('masters')
  async add(@Visitor() visitor: WebVisitor, @Body() body: FormBody, @Res() response: Response) {
    const telegramId = intField(body.telegramId);
    const outcome = telegramId
      ? await this.masters.add(
          { telegramId, phone: text(body.phone), specialization: text(body.specialization) },
          visitor.actor,
        )
      : ({ ok: false, message: webTexts.masters.badId } as const);
    back(response, '/web/masters', outcome, webTexts.masters.added);
  }

  /** Activate, deactivate or fire: each through MastersService, which keeps the rules. */
  @Post('masters/:id/:action')
  async changeMaster(
    @Visitor() visitor: WebVisitor,
    @Param('id', ParseIntPipe) id: number,
    @Param('action') action: string,
    @Res() response: Response,
  ) {
    const changes: Record<string, () => Promise<Outcome<unknown, AnyReason>>> = {
      activate: () => this.masters.setActive(id, true, visitor.actor),
      deactivate: () => this.masters.setActive(id, false, visitor.actor),
      fire: () => this.masters.fire(id, visitor.actor),
    };
    if (!Object.hasOwn(changes, action)) throw new NotFoundException();
    back(response, '/web/masters', await changes[action](), webTexts.order.done);
  }

  @Get('users')
  async usersList(
    @Visitor() visitor: WebVisitor,
    @Query('ok') ok?: string,
    @Query('error') error?: string,
  ) {
    const groups = await this.users.listByRole(visitor.actor);
    if (!groups.ok)
      return usersPage(visitor, emptyGroups(), { text: reasonText(groups), error: true }).value;
    return usersPage(visitor, groups.value, flashOf(ok, error)).value;
  }

  @Post('users/role')
  async changeRole(
    @Visitor() visitor: WebVisitor,
    @Body() body: FormBody,
    @Res() response: Response,
  ) {
    const telegramId = intField(body.telegramId);
    const role = ROLES.find((r) => r === body.role);
    if (!telegramId || !role)
      return back(response, '/web/users', { ok: false, message: webTexts.masters.badId }, '');
    const outcome =
      body.change === 'revoke'
        ? await this.users.revokeRole(telegramId, role, visitor.actor)
        : await this.users.grantRole(telegramId, role, visitor.actor);
    back(response, '/web/users', outcome, webTexts.users.changed);
  }
}

function back(
  response: Response,
  path: string,
  outcome: Outcome<unknown, AnyReason> | { ok: false; message: string },
  done: string,
) {
  const query = outcome.ok
    ? `ok=${encodeURIComponent(done)}`
    : `error=${encodeURIComponent('message' in outcome ? outcome.message : reasonText(outcome))}`;
  response.redirect(303, `${path}?${query}`);
}

const emptyGroups = () => ({ ADMIN: [], DISPATCHER: [], MASTER: [], SENIOR_MASTER: [], NONE: [] });
