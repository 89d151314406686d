// The environment the integration and e2e specs start from. It is set in jest's setup files
// because ConfigModule validates the environment when the config module is imported.
export const TEST_ADMIN_ID = 1001;
export const TEST_DISPATCHER_ID = 2001;

Object.assign(process.env, {
  BOT_TOKEN: '123456789:AAEabcdefghijklmnopqrstuvwxyz',
  ADMIN_IDS: String(TEST_ADMIN_ID),
  DISPATCHER_IDS: String(TEST_DISPATCHER_ID),
  TZ: 'Europe/Moscow',
  LOG_LEVEL: 'warn',
  // Specs type faster than people; flood protection has its own unit spec.
  FLOOD_BURST: '1000',
  // Journeys send many messages to one group quickly; the delivery limits have their own specs.
  OUTBOX_GLOBAL_PER_SECOND: '500',
  OUTBOX_PRIVATE_PER_SECOND: '50',
  OUTBOX_GROUP_PER_MINUTE: '3000',
});
