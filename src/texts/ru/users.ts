/** What people and masters management answers (docs/product.md §1, §5). */
export const userTexts = {
  onlyAdmins: '⛔ Это действие доступно только администраторам.',
  userNotFound: (telegramId: number) =>
    `❌ Пользователь с Telegram ID ${telegramId} не найден. Он должен сначала написать боту /start.`,
  envAdminCannotLoseAdmin:
    '⛔ Этот администратор указан в ADMIN_IDS: роль нельзя снять через бота.',
  envRoleCannotBeRemoved: (role: string) =>
    `⛔ Роль ${role} задана в настройках сервера (переменные окружения) и не снимается через бота.`,
  roleAlreadyHeld: (role: string) => `ℹ️ У пользователя уже есть роль ${role}.`,
  roleNotHeld: (role: string) => `ℹ️ У пользователя нет роли ${role}.`,
  masterRoleNeedsMaster:
    'ℹ️ Мастера добавляют через «👥 Мастера» → «➕ Добавить мастера» (нужны телефон и специализация).',
  seniorNeedsMaster: '❌ Сначала добавьте пользователя как мастера.',
  masterNotFound: '❌ Мастер не найден.',
  masterAlreadyExists: 'ℹ️ Этот пользователь уже мастер.',
  masterFired: '❌ Мастер уволен. Добавьте его заново через «➕ Добавить мастера».',
  badPhone: '❌ Неверный номер телефона. Введите номер в формате +7XXXXXXXXXX.',
  badSpecialization: '❌ Специализация должна быть от 2 до 200 символов.',
  fireRefusedActiveOrders: (count: number) =>
    `❌ Нельзя уволить мастера: у него ${count} активных заявок. Снимите мастера с них или дождитесь завершения.`,
  groupTakenByAnother: (masterName: string) =>
    `❌ Эта группа уже привязана к мастеру ${masterName}. Одна группа — один мастер.`,
  notAGroup: '❌ Рабочей группой может быть только группа или супергруппа.',
} as const;
