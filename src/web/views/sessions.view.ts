import { webTexts } from '../../texts/ru/web';
import type { WebVisitor } from '../auth/web-auth.service';
import type { WebSession } from '../auth/web-session.entity';
import { shownTime } from './format';
import { html } from './html';
import { csrfField, layout } from './layout';

const t = webTexts.sessions;

/** The person's live sessions; any of them can be ended from here. */
export function sessionsPage(visitor: WebVisitor, sessions: WebSession[], zone: string) {
  return layout({
    title: t.title,
    visitor,
    section: 'sessions',
    body: html`<h1>${t.title}</h1>
      <table>
        <thead>
          <tr>
            <th>${t.started}</th>
            <th>${t.expires}</th>
            <th></th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${sessions.map(
            (s) =>
              html`<tr>
                <td>${shownTime(s.createdAt, zone)}</td>
                <td>${shownTime(s.expiresAt, zone)}</td>
                <td>
                  ${s.id === visitor.session.id ? html`<b>${t.current}</b>` : (s.userAgent ?? '')}
                </td>
                <td>
                  <form method="post" action="/web/sessions/${s.id}/end">
                    ${csrfField(visitor)}<button class="secondary">${t.end}</button>
                  </form>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  });
}
