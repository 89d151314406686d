/** Menus and common answers of the bot (docs/product.md §1, §3, §4, §5). */
export const botTexts = {
  buttons: {
    info: 'ℹ️ Информация',
    contact: '📞 Связаться',
    allOrders: '📋 Все заявки',
    createOrder: '➕ Создать заявку',
    search: '🔍 Поиск заказов',
    masters: '👥 Мастера',
    reports: '📊 Отчеты',
    settings: '⚙️ Настройки',
    users: '👤 Пользователи',
    intakeGroups: '📥 Группа приёма заявок',
    myOrders: '📋 Мои заявки',
    myStats: '📊 Моя статистика',
    cancel: '❌ Отмена',
    back: '◀️ Назад',
    previousPage: '◀️',
    nextPage: '▶️',
  },
  /** Under a list that has more than one page. */
  pageIndicator: (page: number, pages: number) => `стр. ${page}/${pages}`,
  welcome: (name: string) => `👋 Здравствуйте, ${name}!`,
  welcomeUnknown: (name: string) =>
    `👋 Здравствуйте, ${name}!\n\nЭто бот сервисного центра. Чтобы работать с заявками, попросите администратора добавить вас.`,
  info: 'ℹ️ Бот сервисного центра: заявки на ремонт бытовой техники, сантехники и электрики.\nДиспетчеры создают заявки, мастера выполняют их в рабочих группах.',
  contact: (telegramId: number) => `Ваш Telegram ID для регистрации: <code>${telegramId}</code>`,
  cancelled: '❌ Действие отменено.',
  nothingToCancel: 'ℹ️ Нечего отменять.',
  menuHint: 'Выберите действие в меню ниже.',
  forbidden: '⛔ У вас нет прав на это действие.',
  unknownUser:
    '⛔ Вы не зарегистрированы. Нажмите «📞 Связаться», чтобы узнать свой Telegram ID для администратора.',
  somethingWentWrong: '⚠️ Что-то пошло не так. Попробуйте ещё раз или нажмите /start.',
  staleButton: '⚠️ Эта кнопка устарела. Откройте меню заново.',
  /** A photo, a sticker, a voice message… where a dialog waits for a typed answer. */
  sendText: 'Пожалуйста, отправьте текст.',
  floodWarning: '⏳ Слишком много сообщений. Подождите пару секунд.',
  floodBlocked: '⛔ Слишком много сообщений подряд. Бот не будет отвечать вам минуту.',
  // Toasts: at most 200 characters (answerCallbackQuery).
  floodToast: '⏳ Слишком часто. Подождите пару секунд.',
  floodBlockedToast: '⏳ Слишком много нажатий подряд. Подождите минуту.',
  /** A question in a group: names whom it asks, since only a reply to it reaches the bot. */
  askedInGroup: (person: string, question: string) =>
    `${person}, ответьте на это сообщение.\n${question}`,
  /** Under a group question: the buttons it offers besides a typed answer. */
  orPressButton: 'Или нажмите кнопку:',
} as const;

/** Bot commands shown per role with setMyCommands scopes. */
export const botCommands = {
  everyone: [
    { command: 'start', description: 'Главное меню' },
    { command: 'cancel', description: 'Отменить текущее действие' },
  ],
  admin: [
    { command: 'admin', description: 'Команды администратора' },
    { command: 'web', description: 'Ссылка для входа в веб-консоль' },
  ],
} as const;
