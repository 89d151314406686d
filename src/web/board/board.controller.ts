import { Controller, Get, MessageEvent, Query, Sse, UseFilters, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { interval, map, merge, Observable } from 'rxjs';
import type { Environment } from '../../config/environment';
import { OrderQueriesService } from '../../orders/order-queries.service';
import { OrderSearchService } from '../../orders/order-search.service';
import { ACTIVE_STATUSES, ORDER_STATUSES, OrderStatus } from '../../orders/order-status';
import type { WebVisitor } from '../auth/web-auth.service';
import { Visitor, WebGuard } from '../auth/web-guard';
import { boardFragment, BoardModel, boardPage, BoardView } from '../views/board.view';
import { WebExceptionFilter } from '../web-exception.filter';
import { BoardQueries } from './board.queries';
import { OrderChanges } from './order-changes';

const COLUMN_SIZE = 20;
const PAGE_SIZE = 25;

interface BoardQuery {
  status?: string;
  q?: string;
  page?: string;
}

/** The live order board: «📋 Все заявки» by status, a status page, or a search as in the bot. */
@Controller('web')
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
export class BoardController {
  constructor(
    private readonly board: BoardQueries,
    private readonly queries: OrderQueriesService,
    private readonly search: OrderSearchService,
    private readonly changes: OrderChanges,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Get()
  async page(@Visitor() visitor: WebVisitor, @Query() query: BoardQuery) {
    return boardPage(visitor, await this.model(query)).value;
  }

  @Get('board')
  async fragment(@Query() query: BoardQuery) {
    return boardFragment(await this.model(query)).value;
  }

  /** Server-sent events: "orders" whenever anything changed, a ping to keep proxies open. */
  @Sse('events')
  events(): Observable<MessageEvent> {
    return merge(
      this.changes.stream().pipe(map((id) => ({ type: 'orders', data: String(id) }))),
      interval(25_000).pipe(map(() => ({ type: 'ping', data: '' }))),
    );
  }

  private async model(query: BoardQuery): Promise<BoardModel> {
    const page = Math.max(0, Number.parseInt(query.page ?? '0', 10) || 0);
    const text = query.q?.trim().slice(0, 200) ?? '';
    const status = ORDER_STATUSES.find((s) => s === query.status);
    const [counts, view] = await Promise.all([
      this.queries.countsByStatus(),
      this.view(text, status, page),
    ]);
    return { view, counts, zone: this.config.get('TZ', { infer: true }) };
  }

  private async view(text: string, status: OrderStatus | undefined, page: number) {
    if (text) {
      const found = await this.search.search(text, page, PAGE_SIZE);
      const orders = await this.board.withMasters(found.orders);
      return { kind: 'search', query: text, page: { ...found, orders } } satisfies BoardView;
    }
    if (status) {
      return {
        kind: 'status',
        status,
        page: await this.board.page(status, page, PAGE_SIZE),
      } satisfies BoardView;
    }
    const columns = await Promise.all(
      ACTIVE_STATUSES.map(async (s) => ({
        status: s,
        page: await this.board.page(s, 0, COLUMN_SIZE),
      })),
    );
    return { kind: 'columns', columns } satisfies BoardView;
  }
}
