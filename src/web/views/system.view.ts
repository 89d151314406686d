import type { ComponentHealth } from '../../health/health-registry';
import type { FailedNotification, OutboxStats } from '../../notifications/outbox-admin.service';
import type { JobStatus } from '../../scheduler/scheduler-status';
import { webTexts } from '../../texts/ru/web';
import type { WebVisitor } from '../auth/web-auth.service';
import { shownTime } from './format';
import { html } from './html';
import { layout } from './layout';

const t = webTexts.system;

export interface SystemModel {
  health: Record<string, ComponentHealth>;
  outbox: OutboxStats;
  failures: FailedNotification[];
  jobs: JobStatus[];
  schedulerHere: boolean;
  backupDir: string;
  newestBackup: Date | null;
  zone: string;
}

/** For admins: every health component, the outbox, the scheduled jobs and the backups. */
export function systemPage(visitor: WebVisitor, m: SystemModel) {
  const timing = (job: JobStatus) =>
    'cron' in job.timing ? job.timing.cron : `*/${job.timing.everyMinutes} мин`;
  return layout({
    title: t.title,
    visitor,
    section: 'system',
    body: html`<h1>${t.title}</h1>
      <section class="panel">
        <h2>${t.health}</h2>
        <table>
          <tbody>
            ${Object.entries(m.health).map(
              ([name, c]) =>
                html`<tr>
                  <td>${name}</td>
                  <td class="${c.ok ? 'ok' : 'bad'}">${c.ok ? t.ok : t.notOk}</td>
                  <td><small>${JSON.stringify({ ...c, ok: undefined })}</small></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>${t.outbox}</h2>
        <p>
          ${t.depth}: <b>${m.outbox.depth}</b> · ${t.oldest}:
          <b>${m.outbox.oldestPendingAgeSeconds ?? '—'}</b> · ${t.failed}: <b>${m.outbox.failed}</b>
        </p>
        ${
          m.failures.length
            ? html`<h3>${t.failures}</h3>
                <table>
                  <tbody>
                    ${m.failures.map(
                      (f) =>
                        html`<tr>
                          <td>${shownTime(f.failedAt, m.zone)}</td>
                          <td>${f.kind}</td>
                          <td>${f.orderId ? `#${f.orderId}` : ''}</td>
                          <td><code>${f.chatId}</code></td>
                          <td>${f.reason ?? ''}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
            : html`<p>${t.noFailures}</p>`
        }
      </section>
      <section class="panel">
        <h2>${t.jobs}</h2>
        ${m.schedulerHere ? '' : html`<p>${t.jobsDisabledHere}</p>`}
        <table>
          <thead>
            <tr>
              <th>${t.job}</th>
              <th>${t.timing}</th>
              <th>${t.nextRun}</th>
              <th>${t.lastRun}</th>
            </tr>
          </thead>
          <tbody>
            ${m.jobs.map(
              (job) =>
                html`<tr>
                  <td>${job.name}</td>
                  <td><code>${timing(job)}</code></td>
                  <td>${shownTime(job.nextRunAt, m.zone)}</td>
                  <td>
                    ${
                      job.lastRun?.lastStartedAt
                        ? html`${shownTime(job.lastRun.lastStartedAt, m.zone)} ·
                          ${job.lastRun.lastOutcome ?? ''}${job.lastRun.lastError ? html` · <span class="bad">${job.lastRun.lastError}</span>` : ''}`
                        : t.never
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>${t.backups}</h2>
        <p>${t.backupDir}: <code>${m.backupDir}</code></p>
        <p>
          ${t.newestBackup}: ${m.newestBackup ? shownTime(m.newestBackup, m.zone) : t.noBackups}
        </p>
      </section>`,
  });
}
