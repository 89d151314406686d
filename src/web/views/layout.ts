import { webTexts } from '../../texts/ru/web';
import type { WebVisitor } from '../auth/web-auth.service';
import { html, Html } from './html';

const t = webTexts;

export type Section = 'board' | 'create' | 'masters' | 'users' | 'reports' | 'system' | 'sessions';

const SECTIONS: { key: Section; href: string; label: string; adminOnly?: boolean }[] = [
  { key: 'board', href: '/web', label: t.nav.board },
  { key: 'create', href: '/web/orders/new', label: t.nav.create },
  { key: 'masters', href: '/web/masters', label: t.nav.masters, adminOnly: true },
  { key: 'users', href: '/web/users', label: t.nav.users, adminOnly: true },
  { key: 'reports', href: '/web/reports', label: t.nav.reports },
  { key: 'system', href: '/web/system', label: t.nav.system, adminOnly: true },
  { key: 'sessions', href: '/web/sessions', label: t.nav.sessions },
];

export interface Page {
  title: string;
  visitor?: WebVisitor;
  section?: Section;
  /** A one-line outcome of the last action («✅ Сохранено», an error). */
  flash?: { text: string; error?: boolean };
  body: Html;
}

/** The page frame: navigation for the person's roles, the CSRF token for htmx, the scripts. */
export function layout(page: Page): Html {
  const visitor = page.visitor;
  const isAdmin = visitor?.actor.roles.has('ADMIN') ?? false;
  const csrf = visitor ? JSON.stringify({ 'X-CSRF-Token': visitor.session.csrfToken }) : null;
  return html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>
<title>${page.title} — ${t.title}</title>
<link rel="stylesheet" href="/web/static/app.css">
<script src="/web/static/htmx.min.js" defer></script>
<script src="/web/static/app.js" defer></script>
</head>
<body${csrf ? html` hx-headers="${csrf}"` : ''}>
<header class="top">
  <a class="brand" href="/web">🛠 ${t.title}</a>
  ${
    visitor
      ? html`<nav>
            ${SECTIONS.filter((s) => !s.adminOnly || isAdmin).map(
              (s) =>
                html`<a href="${s.href}" ${s.key === page.section ? html` class="active"` : ''}
                  >${s.label}</a
                >`,
            )}
          </nav>
          <form method="post" action="/web/logout" class="logout">
            <input type="hidden" name="_csrf" value="${visitor.session.csrfToken}" />
            <span class="who">${visitor.actor.name}</span>
            <button type="submit">${t.nav.logout}</button>
          </form>`
      : ''
  }
</header>
<main>
${page.flash ? html`<p class="flash${page.flash.error ? ' error' : ''}" role="status">${page.flash.text}</p>` : ''}
${page.body}
</main>
</body>
</html>`;
}

/** The hidden field every form carries. */
export const csrfField = (visitor: WebVisitor) =>
  html`<input type="hidden" name="_csrf" value="${visitor.session.csrfToken}" />`;

/** A page that only explains: not signed in, no access, a bad link. */
export function messagePage(title: string, text: string, visitor?: WebVisitor): Html {
  return layout({
    title,
    visitor,
    body: html`<section class="message">
      <h1>${title}</h1>
      <p>${text}</p>
      ${visitor ? html`<p><a href="/web">${t.errors.back}</a></p>` : html`<p>${t.login.how}</p>`}
    </section>`,
  });
}

/** The outcome of the last action, carried in the redirect's query string. */
export function flashOf(ok?: string, error?: string): Page['flash'] {
  if (error) return { text: error.slice(0, 600), error: true };
  return ok ? { text: ok.slice(0, 200) } : undefined;
}
