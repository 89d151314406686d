// The `chaos` jest project: the bot's journeys with Telegram answering 10 % of every method's
// calls with 429 (retry_after 1–3 s) and 5 % with 500, its sending limits enforced by the fake.
// Limits are Telegram's scaled up so the journeys finish in seconds; replies and the outbox
// share them, and the fake checks every window when it stops (fake-bot-api/chaos.ts).
import { botTexts } from '../../src/texts/ru/bot';
import './use-sqlite';

Object.assign(process.env, {
  FAKE_BOT_API_CHAOS: '0.10,0.05',
  FAKE_BOT_API_WAIT_SCALE: '4',
  FAKE_BOT_API_FORBIDDEN_TEXT: botTexts.somethingWentWrong,
  OUTBOX_GLOBAL_PER_SECOND: '60',
  OUTBOX_PRIVATE_PER_SECOND: '5',
  OUTBOX_GROUP_PER_MINUTE: '300',
});
