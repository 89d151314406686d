import { OrderAction, TRANSITIONS } from '../../orders/order-state-machine';
import type { OrderHistoryEntry } from '../../orders/order-queries.service';
import type { Order } from '../../orders/order.repository';
import { HISTORY_ACTIONS, STATUS_LABELS } from '../../texts/ru/orders';
import { webTexts } from '../../texts/ru/web';
import type { MasterChoice } from '../../users/masters.service';
import { displayName } from '../../users/users.service';
import type { WebVisitor } from '../auth/web-auth.service';
import type { AuditEntry } from '../orders/order-card.queries';
import { shownMoney, shownTime } from './format';
import { html, Html } from './html';
import { csrfField, layout, Page } from './layout';

const t = webTexts.order;
const f = t.fields;

export interface OrderCardModel {
  order: Order;
  history: OrderHistoryEntry[];
  audit: AuditEntry[];
  masters: MasterChoice[];
  zone: string;
}

export function orderCardPage(visitor: WebVisitor, model: OrderCardModel, flash?: Page['flash']) {
  return layout({
    title: t.title(model.order.id),
    visitor,
    section: 'board',
    flash,
    body: orderCardFragment(visitor, model),
  });
}

/** Swapped by htmx when the order changes elsewhere, so the card never shows a stale state. */
export function orderCardFragment(visitor: WebVisitor, model: OrderCardModel): Html {
  const { order, zone } = model;
  return html`<div
    id="order-card"
    data-live
    hx-get="/web/orders/${order.id}/card"
    hx-trigger="orders-changed"
    hx-swap="outerHTML"
  >
    <h1>
      ${t.title(order.id)} <span data-status="${order.status}">${STATUS_LABELS[order.status]}</span>
    </h1>
    <div class="grid2">
      <div>
        <section class="panel">
          <dl class="fields">
            ${field(f.equipmentType, order.equipmentType)} ${field(f.problem, order.problem)}
            ${field(f.clientAddress, order.clientAddress)} ${field(f.clientName, order.clientName)}
            ${field(f.clientPhone, order.clientPhone)} ${field(f.notes, order.notes)}
            ${field(f.arrival, order.arrivalText)}
            ${field(f.master, order.master?.user ? displayName(order.master.user) : null)}
            ${field(f.dispatcher, order.dispatcher ? displayName(order.dispatcher) : null)}
            ${field(f.createdAt, shownTime(order.createdAt, zone))}
            ${order.closedAt ? field(f.closedAt, shownTime(order.closedAt, zone)) : ''}
            ${order.refusalReason ? field(f.refusalReason, order.refusalReason) : ''}
            ${order.drExpectedDate ? field(f.drExpectedDate, order.drExpectedDate) : ''}
            ${order.drPrepaymentKopecks !== null ? field(f.drPrepayment, shownMoney(order.drPrepaymentKopecks)) : ''}
          </dl>
          ${editable(order) ? html`<p><a class="button secondary" href="/web/orders/${order.id}/edit">${t.edit}</a></p>` : ''}
        </section>
        ${money(order)}
        <section class="panel">
          <h2>${t.history}</h2>
          <table>
            <tbody>
              ${model.history.map(
                (h) =>
                  html`<tr>
                    <td>${shownTime(h.at, zone)}</td>
                    <td>
                      ${(HISTORY_ACTIONS as Record<string, string>)[h.action] ?? h.action}${h.reason ? html`: ${h.reason}` : ''}
                    </td>
                    <td>${h.actorName ?? t.system}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>
        <section class="panel">
          <h2>${t.audit}</h2>
          <table>
            <tbody>
              ${model.audit.map(
                (a) =>
                  html`<tr>
                    <td>${shownTime(a.at, zone)}</td>
                    <td><code>${a.action}</code></td>
                    <td>${a.actorName ?? t.system}</td>
                    <td><small>${detailsText(a.details)}</small></td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>
      </div>
      <div>${actions(visitor, model)}</div>
    </div>
  </div>`;
}

/** Audit details as `key: value` pairs, readable and able to wrap on a phone. */
const detailsText = (details: Record<string, unknown> | null) =>
  Object.entries(details ?? {})
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(', ');

const field = (label: string, value: string | null | undefined) =>
  html`<dt>${label}</dt>
    <dd>${value ?? '—'}</dd>`;

/** Whether the transition table lets `action` start from the order's status. */
const allows = (action: OrderAction, order: Order) =>
  TRANSITIONS[action].from.includes(order.status);
const editable = (order: Order) => allows('edit', order);

function money(order: Order): Html {
  if (order.totalKopecks === null) return html``;
  return html`<section class="panel">
    <h2>${t.money}</h2>
    <dl class="fields">
      ${field(t.total, shownMoney(order.totalKopecks))}
      ${field(t.materials, shownMoney(order.materialsKopecks))}
      ${field(t.net, shownMoney(order.netKopecks))}
      ${field(t.masterShare, shownMoney(order.masterShareKopecks))}
      ${field(t.companyShare, shownMoney(order.companyShareKopecks))}
      ${field(t.outOfCity, order.outOfCity ? t.yes : t.no)}
      ${field(t.review, order.reviewTaken ? t.yes : t.no)}
    </dl>
  </section>`;
}

/** The staff actions the order's status allows; the domain checks again when one is taken. */
function actions(visitor: WebVisitor, { order, masters }: OrderCardModel): Html {
  const version = html`<input type="hidden" name="version" value="${order.version}" />`;
  const form = (action: string, body: Html, extra = '') =>
    html`<form
      method="post"
      action="/web/orders/${order.id}/${action}"
      class="inline"
      ${extra ? html` data-confirm="${extra}"` : ''}
    >
      ${csrfField(visitor)}${version}${body}
    </form>`;
  const parts: Html[] = [];
  if (allows('assign', order) || allows('reassign', order)) {
    parts.push(
      html`<h2>${order.masterId ? t.reassign : t.assign}</h2>
        ${
          masters.length
            ? form(
                'assign',
                html`<select name="masterId" aria-label="${t.assign}">
                    ${masters.map(
                      (m) =>
                        html`<option
                          value="${m.masterId}"
                          ${m.hasWorkGroup ? '' : ' disabled'}${m.masterId === order.masterId ? ' selected' : ''}
                        >
                          ${m.name} (${m.specialization}) —
                          ${m.hasWorkGroup ? t.load(m.activeOrders) : t.noGroup}
                        </option>`,
                    )}</select
                  ><button type="submit">${t.assignButton}</button>`,
              )
            : html`<p>${t.noMasters}</p>`
        }`,
    );
  }
  if (order.masterId && allows('unassign', order)) {
    parts.push(
      form('unassign', html`<button class="secondary" type="submit">${t.unassign}</button>`),
    );
  }
  if (allows('cancel', order)) {
    parts.push(
      html`<h2>${t.cancel}</h2>
        ${form(
          'cancel',
          html`<input
              name="reason"
              required
              minlength="3"
              maxlength="500"
              placeholder="${t.cancelReason}"
              aria-label="${t.cancelReason}"
            /><button class="danger" type="submit">${t.cancel}</button>`,
        )}`,
    );
  }
  if (allows('restore', order)) {
    parts.push(form('restore', html`<button type="submit">${t.restore}</button>`));
  }
  return parts.length
    ? html`<section class="panel">
        <h2>${t.actions}</h2>
        ${parts}
      </section>`
    : html``;
}
