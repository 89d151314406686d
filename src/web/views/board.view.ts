import { ACTIVE_STATUSES, ORDER_STATUSES, OrderStatus } from '../../orders/order-status';
import { STATUS_LABELS } from '../../texts/ru/orders';
import { webTexts } from '../../texts/ru/web';
import type { WebVisitor } from '../auth/web-auth.service';
import type { BoardOrder, BoardPage } from '../board/board.queries';
import { shownTime } from './format';
import { html, Html } from './html';
import { layout } from './layout';

const t = webTexts.board;

/** What the board shows: every active status side by side, one status paged, or a search. */
export type BoardView =
  | { kind: 'columns'; columns: { status: OrderStatus; page: BoardPage }[] }
  | { kind: 'status'; status: OrderStatus; page: BoardPage }
  | { kind: 'search'; query: string; page: BoardPage };

export interface BoardModel {
  view: BoardView;
  counts: Record<OrderStatus, number>;
  zone: string;
}

export function boardPage(visitor: WebVisitor, model: BoardModel): Html {
  return layout({ title: t.all, visitor, section: 'board', body: boardFragment(model) });
}

/** The part htmx swaps: on a filter, on a search and whenever the orders change. */
export function boardFragment({ view, counts, zone }: BoardModel): Html {
  const url = selfUrl(view);
  const query = view.kind === 'search' ? view.query : '';
  return html`<div
    id="board"
    data-live
    hx-get="${url}"
    hx-trigger="orders-changed"
    hx-swap="outerHTML"
  >
    <div class="filters">
      ${boardLink('', t.all, view.kind === 'columns')}
      ${ORDER_STATUSES.map((status) =>
        boardLink(
          `status=${status}`,
          `${STATUS_LABELS[status]} (${counts[status]})`,
          view.kind === 'status' && view.status === status,
        ),
      )}
      <form
        action="/web"
        method="get"
        hx-get="/web/board"
        hx-target="#board"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <input
          type="search"
          name="q"
          value="${query}"
          placeholder="${t.search}"
          aria-label="${t.search}"
        />
        <button type="submit">${t.searchButton}</button>
      </form>
    </div>
    <p class="live">● ${t.live}</p>
    ${view.kind === 'columns' ? columns(view.columns, zone) : list(view, zone)}
  </div>`;
}

/** A link that swaps the board in place and keeps the address bar in step (back works). */
function boardLink(query: string, label: string, active = false): Html {
  const search = query ? `?${query}` : '';
  return html`<a
    href="/web${search}"
    hx-get="/web/board${search}"
    hx-target="#board"
    hx-swap="outerHTML"
    hx-push-url="/web${search}"
    ${active ? html` class="active"` : ''}
    >${label}</a
  >`;
}

function selfUrl(view: BoardView): string {
  if (view.kind === 'columns') return '/web/board';
  if (view.kind === 'status') return `/web/board?status=${view.status}&page=${view.page.page}`;
  return `/web/board?q=${encodeURIComponent(view.query)}&page=${view.page.page}`;
}

function columns(columns: { status: OrderStatus; page: BoardPage }[], zone: string): Html {
  return html`<div class="columns">
    ${columns.map(
      ({ status, page }) =>
        html`<section class="column" data-status="${status}">
          <h2><span>${STATUS_LABELS[status]}</span><span>${page.total}</span></h2>
          ${page.orders.length ? page.orders.map((o) => card(o, zone)) : html`<p class="live">${t.nothing}</p>`}
          ${page.total > page.orders.length ? html`<a href="/web?status=${status}">${t.more(page.total - page.orders.length)}</a>` : ''}
        </section>`,
    )}
  </div>`;
}

function list(view: Exclude<BoardView, { kind: 'columns' }>, zone: string): Html {
  const { page } = view;
  const base =
    view.kind === 'status' ? `status=${view.status}` : `q=${encodeURIComponent(view.query)}`;
  const link = (to: number, label: string) => boardLink(`${base}&page=${to}`, label);
  return html`${view.kind === 'search' ? html`<p>${t.found(page.total)}</p>` : ''}
    <div class="list">
      ${page.orders.length ? page.orders.map((o) => card(o, zone, true)) : html`<p>${t.nothing}</p>`}
    </div>
    ${
      page.pageCount > 1
        ? html`<p class="inline">
            ${page.page > 0 ? link(page.page - 1, t.previous) : ''}
            ${t.page(page.page + 1, page.pageCount)}
            ${page.page + 1 < page.pageCount ? link(page.page + 1, t.next) : ''}
          </p>`
        : ''
    }`;
}

function card({ order, masterName }: BoardOrder, zone: string, withStatus = false): Html {
  const active = (ACTIVE_STATUSES as readonly string[]).includes(order.status);
  return html`<a class="card" href="/web/orders/${order.id}" data-order="${order.id}">
    <span class="num">#${order.id}</span
    >${withStatus ? html` <span>${STATUS_LABELS[order.status]}</span>` : ''}
    <span> ${order.equipmentType}: ${order.problem.slice(0, 80)}</span>
    <span class="meta"
      >${order.clientAddress.slice(0, 80)} ·
      ${active ? (order.arrivalText ?? shownTime(order.createdAt, zone)) : shownTime(order.closedAt, zone)}
      · ${masterName ?? t.noMaster}</span
    >
  </a>`;
}
