import { PERIOD_PRESETS, PeriodPreset } from '../../reports/report-period';
import { webTexts } from '../../texts/ru/web';
import type { WebVisitor } from '../auth/web-auth.service';
import type { PeriodCharts } from '../reports/chart.queries';
import { shownMoney } from './format';
import { html } from './html';
import { layout, Page } from './layout';

const t = webTexts.reports;

export type ReportKind = 'summary' | 'masters' | 'active';

export interface ReportsModel {
  /** The preset or the typed dates, as the links carry it. */
  periodParam: string;
  preset?: PeriodPreset;
  label: string;
  charts: PeriodCharts;
}

/** Period choice, the Excel files of the bot, and three charts drawn by Chart.js. */
export function reportsPage(visitor: WebVisitor, model: ReportsModel, flash?: Page['flash']) {
  const { charts } = model;
  const period = encodeURIComponent(model.periodParam);
  const chart = (title: string, spec: object) =>
    html`<section class="panel">
      <h2>${title}</h2>
      <div class="chart">
        <canvas data-chart="${JSON.stringify(spec)}" aria-label="${title}"></canvas>
      </div>
    </section>`;
  return layout({
    title: t.title,
    visitor,
    section: 'reports',
    flash,
    body: html`<h1>${t.title}: ${model.label}</h1>
      <div class="filters">
        ${PERIOD_PRESETS.map(
          (p) =>
            html`<a
              href="/web/reports?period=${p}"
              ${p === model.preset ? html` class="active"` : ''}
              >${t.presets[p]}</a
            >`,
        )}
        <form method="get" action="/web/reports">
          <input
            name="period"
            placeholder="${t.custom}"
            value="${model.preset ? '' : model.periodParam}"
          /><button type="submit">${t.show}</button>
        </form>
      </div>
      <section class="panel">
        <h2>${t.downloads}</h2>
        <p class="inline">
          <a class="button secondary" href="/web/reports/download/summary?period=${period}"
            >${t.summary}</a
          >
          <a class="button secondary" href="/web/reports/download/masters?period=${period}"
            >${t.masterStatistics}</a
          >
          <a class="button secondary" href="/web/reports/download/active">${t.activeOrders}</a>
        </p>
        <p>${t.totals(charts.closedOrders, shownMoney(charts.revenueKopecks))}</p>
      </section>
      <div class="charts">
        ${chart(t.ordersPerDay, { type: 'bar', labels: charts.days, series: [{ label: t.orders, values: charts.createdPerDay }] })}
        ${chart(t.revenuePerDay, { type: 'line', labels: charts.days, series: [{ label: t.revenue, values: charts.revenuePerDayRubles }] })}
        ${chart(t.shares, {
          type: 'doughnut',
          labels: [...charts.masterShares.map((m) => m.name), t.company],
          series: [
            {
              label: t.shares,
              values: [...charts.masterShares.map((m) => m.rubles), charts.companyShareRubles],
            },
          ],
        })}
      </div>`,
  });
}
