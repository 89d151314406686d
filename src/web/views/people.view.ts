import { ROLES, Role } from '../../users/role';
import type { Master } from '../../users/master.repository';
import type { User } from '../../users/user.repository';
import { displayName } from '../../users/users.service';
import { webTexts } from '../../texts/ru/web';
import type { WebVisitor } from '../auth/web-auth.service';
import { html } from './html';
import { csrfField, layout, Page } from './layout';

const t = webTexts.masters;
const u = webTexts.users;

export interface MastersModel {
  masters: Master[];
  loads: Map<number, number>;
}

/** Masters: who works, their group, their load; add, (de)activate, fire. */
export function mastersPage(visitor: WebVisitor, model: MastersModel, flash?: Page['flash']) {
  const post = (path: string, body: ReturnType<typeof html>, confirm?: string) =>
    html`<form
      method="post"
      action="/web/masters/${path}"
      class="inline"
      ${confirm ? html` data-confirm="${confirm}"` : ''}
    >
      ${csrfField(visitor)}${body}
    </form>`;
  return layout({
    title: t.title,
    visitor,
    section: 'masters',
    flash,
    body: html`<h1>${t.title}</h1>
      ${
        model.masters.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${t.name}</th>
                  <th>${t.specialization}</th>
                  <th>${t.phone}</th>
                  <th>${t.group}</th>
                  <th>${t.load}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${model.masters.map(
                  (m) =>
                    html`<tr data-master="${m.id}">
                      <td>
                        ${m.user ? displayName(m.user) : `#${m.id}`}${m.isSenior ? html` <small>(${t.senior})</small>` : ''}<br /><small
                          class="${m.isActive ? 'ok' : 'bad'}"
                          >${m.isActive ? t.active : t.inactive}</small
                        >
                      </td>
                      <td>${m.specialization}</td>
                      <td>${m.phone}</td>
                      <td>${m.workChatTitle ?? t.noGroup}</td>
                      <td>${model.loads.get(m.id) ?? 0}</td>
                      <td>
                        ${post(`${m.id}/${m.isActive ? 'deactivate' : 'activate'}`, html`<button class="secondary">${m.isActive ? t.deactivate : t.activate}</button>`)}
                        ${post(`${m.id}/fire`, html`<button class="danger">${t.fire}</button>`, t.fireConfirm)}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${t.none}</p>`
      }
      <h2>${t.add}</h2>
      <form method="post" action="/web/masters" class="form panel">
        ${csrfField(visitor)} <label for="telegramId">${t.telegramId}</label
        ><input id="telegramId" name="telegramId" inputmode="numeric" required />
        <div class="hint">${t.telegramIdHint}</div>
        <label for="phone">${t.phone}</label><input id="phone" name="phone" type="tel" required />
        <label for="specialization">${t.specialization}</label
        ><input id="specialization" name="specialization" required />
        <p><button type="submit">${t.add}</button></p>
      </form>`,
  });
}

/** Everyone by role, and a form to grant or revoke one. */
export function usersPage(
  visitor: WebVisitor,
  groups: Record<Role | 'NONE', User[]>,
  flash?: Page['flash'],
) {
  return layout({
    title: u.title,
    visitor,
    section: 'users',
    flash,
    body: html`<h1>${u.title}</h1>
      ${(['ADMIN', 'DISPATCHER', 'MASTER', 'SENIOR_MASTER', 'NONE'] as const).map(
        (role) =>
          html`<section class="panel">
            <h2>${u.roles[role]} (${groups[role].length})</h2>
            <table>
              <tbody>
                ${groups[role].map(
                  (user) =>
                    html`<tr>
                      <td>${displayName(user)}</td>
                      <td><code>${user.telegramId}</code></td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`,
      )}
      <h2>${u.change}</h2>
      <form method="post" action="/web/users/role" class="form panel">
        ${csrfField(visitor)} <label for="telegramId">${t.telegramId}</label
        ><input id="telegramId" name="telegramId" inputmode="numeric" required />
        <label for="role">${u.role}</label
        ><select id="role" name="role">
          ${ROLES.map((role) => html`<option value="${role}">${u.roles[role]}</option>`)}
        </select>
        <p class="inline">
          <button name="change" value="grant" type="submit">${u.grant}</button
          ><button name="change" value="revoke" class="danger" type="submit">${u.revoke}</button>
        </p>
      </form>`,
  });
}
