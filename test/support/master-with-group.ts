import type { INestApplication } from '@nestjs/common';
import type { FakeBotApi, User } from './fake-bot-api';
import { reasonText } from '../../src/texts/ru/reasons';

/**
 * The demo's set-up: `master` becomes a master (added by `admin`) with `group` as his work
 * group, the bot being a member there. Both people must be allowed to act as they are.
 */
export async function masterWithGroup(
  app: INestApplication,
  api: FakeBotApi,
  people: { admin: User; master: User },
  group: { id: number; title: string; type: 'supergroup' },
) {
  api.botAddedToGroup(group);
  // Imported here: the sandbox builds the app only after setting the environment.
  const { UsersService } = await import('../../src/users/users.service');
  const { MastersService } = await import('../../src/users/masters.service');
  const users = app.get(UsersService);
  const admin = await users.upsertFromTelegram(people.admin);
  await users.upsertFromTelegram(people.master);
  const masters = app.get(MastersService);
  const added = await masters.add(
    { telegramId: people.master.id, phone: '+7 900 555-00-01', specialization: 'Холодильники' },
    admin,
  );
  if (!added.ok) throw new Error(reasonText(added));
  const bound = await masters.bindWorkGroup(added.value.id, group, admin);
  if (!bound.ok) throw new Error(reasonText(bound));
  return bound.value;
}
