/** What `/admin apikey …` and `/admin webhook(s) …` answer (docs/api.md). */
export const integrationTexts = {
  badKeyName:
    '❌ Имя ключа — от 1 до 64 символов: латинские буквы, цифры, «_», «-», «.». Например: crm',
  badKeyRole: (value: string) =>
    `❌ Ключу можно дать роль ADMIN или DISPATCHER, не «${value}». Мастера работают в Telegram.`,
  keyNameTaken: (name: string) => `❌ Ключ «${name}» уже есть. Выберите другое имя.`,
  keyNotFound: (name: string) => `❌ Действующего ключа «${name}» нет.`,
  badUrl: '❌ Нужен адрес вида https://example.com/hooks (http — только для localhost).',
  badSecret: '❌ Секрет — от 16 до 200 символов без пробелов.',
  urlTaken: 'ℹ️ Этот адрес уже подписан.',
  urlNotFound: '❌ Такого адреса среди подписок нет.',
} as const;

/** The `/admin` commands of the REST API and its webhooks. */
export const integrationCommandTexts = {
  apiKeyUsage: [
    'Ключи REST API:',
    '/admin apikey create <имя> <ADMIN|DISPATCHER> — создать ключ (он показывается один раз)',
    '/admin apikey list — все ключи',
    '/admin apikey revoke <имя> — отозвать ключ',
  ].join('\n'),
  apiKeyCreated: (name: string, role: string, key: string) =>
    [
      `✅ Ключ «${name}» (${role}) создан:`,
      '',
      key,
      '',
      '⚠️ Ключ показывается один раз: сохраните его сейчас и удалите это сообщение. Как им пользоваться — docs/api.md.',
    ].join('\n'),
  apiKeysNone: 'Ключей REST API нет. Создать: /admin apikey create <имя> <ADMIN|DISPATCHER>',
  apiKeys: (
    keys: {
      name: string;
      role: string;
      prefix: string;
      lastUsed: string | null;
      revoked: string | null;
    }[],
  ) =>
    [
      `🔑 Ключи REST API (${keys.length}):`,
      ...keys.map(
        (key) =>
          `• ${key.name} — ${key.role}, ${key.prefix}…, ` +
          (key.revoked
            ? `отозван ${key.revoked}`
            : key.lastUsed
              ? `последний вызов ${key.lastUsed}`
              : 'ещё не использовался'),
      ),
    ].join('\n'),
  apiKeyRevoked: (name: string) => `✅ Ключ «${name}» отозван: вызовы с ним получают 401.`,
  webhookUsage: [
    'Вебхуки (события заявок в другие системы):',
    '/admin webhooks — подписки и последние ошибки доставки',
    '/admin webhook subscribe <url> <секрет> — подписать адрес (секрет от 16 символов)',
    '/admin webhook unsubscribe <url> — отписать адрес',
  ].join('\n'),
  webhookSubscribed: (url: string) =>
    `✅ ${url} подписан на события заявок. Удалите сообщение с секретом из чата.`,
  webhookUnsubscribed: (url: string) => `✅ ${url} больше не получает события.`,
  webhooks: (view: {
    subscriptions: { url: string; waiting: number; failed: number }[];
    failures: { id: number; url: string; kind: string; attempts: number; reason: string | null }[];
  }) =>
    [
      view.subscriptions.length
        ? `🔗 Подписки (${view.subscriptions.length}):`
        : '🔗 Подписок нет. Подписать: /admin webhook subscribe <url> <секрет>',
      ...view.subscriptions.map(
        (s) => `• ${s.url} — в очереди ${s.waiting}, не доставлено ${s.failed}`,
      ),
      ...(view.failures.length
        ? [
            '',
            '⚠️ Последние недоставленные события:',
            ...view.failures.map(
              (f) =>
                `• #${f.id} ${f.kind} → ${f.url}, попыток ${f.attempts}: ${(f.reason ?? 'без причины').slice(0, 150)}`,
            ),
          ]
        : []),
    ].join('\n'),
} as const;
