// A fake Telegram Bot API for e2e specs (docs/architecture.md, Tests). Typical use:
//
//   const api = await FakeBotApi.start();                 // token FAKE_BOT_TOKEN, random port
//   // start the service with BOT_TOKEN=api.token and TELEGRAM_API_ROOT=api.apiRoot
//   api.userSendsText(user, '/start');
//   const menu = await api.waitForMessage(user.id, /Choose/);
//   api.userPressesButton(user, menu, 'orders:list');
//   await api.waitFor(() => api.callbackAnswers()[0]);
//   await api.stop();
//
// fake-bot-api.e2e-spec.ts shows every behaviour the fake promises; read it before relying on one.
export {
  FakeBotApi,
  FAKE_BOT_TOKEN,
  GROUP_ANONYMOUS_BOT,
  GROUP_OWNER,
  TELEGRAM_SERVICE_USER,
} from './fake-bot-api';
export { TELEGRAM_LIMITS } from './rate-limits';
export {
  CALLBACK_ANSWER_LIMIT,
  CALLBACK_DATA_BYTES,
  CAPTION_LIMIT,
  TEXT_LIMIT,
} from './validation';
export type { WebhookInfo } from './webhook';
export type * from './types';
