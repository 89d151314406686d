// npm run web:screenshots — regenerates docs/images/web-*.png and sandbox.png: the sandbox
// service with a few orders in every state, photographed in headless Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromiumOrSkip } from '../test/support/browser';
import { SandboxPage } from '../test/support/sandbox-page';
import { TelegramUser } from '../test/support/telegram-user';
import { loginPath } from '../test/support/web-console';
import { PEOPLE, startSandbox } from './sandbox/sandbox';
import { reasonText } from '../src/texts/ru/reasons';

const OUT = join(__dirname, '..', 'docs', 'images');

const ORDERS = [
  ['Холодильники', 'Течёт вода под холодильником', 'ул. Лесная, д. 14, кв. 3', 'Мария Ивановна'],
  ['Стиральные машины', 'Не сливает воду, ошибка E21', 'пр. Мира, д. 18, кв. 40', 'Олег Сидоров'],
  ['Холодильники', 'Сильно шумит компрессор', 'ул. Гагарина, д. 3', 'Светлана Юрьевна'],
  ['Электрика', 'Выбивает автомат на кухне', 'ул. Садовая, д. 21, кв. 7', 'Игорь Павлович'],
  ['Сантехника', 'Течёт смеситель в ванной', 'ул. Чехова, д. 9, кв. 55', 'Анна Викторовна'],
  ['Холодильники', 'Не включается после переезда', 'ул. Пушкина, д. 1, кв. 2', 'Пётр Ильич'],
] as const;

/** Orders in every state: new, assigned, accepted, on site, closed with money, refused. */
async function seed(app: INestApplication): Promise<number> {
  const { OrdersService } = await import('../src/orders/orders.service');
  const { UsersService } = await import('../src/users/users.service');
  const { MastersService } = await import('../src/users/masters.service');
  const orders = app.get(OrdersService);
  const admin = await app.get(UsersService).upsertFromTelegram(PEOPLE.admin);
  const [master] = await app.get(MastersService).choicesForAssignment();
  const steps: ((ref: { id: number }) => Promise<unknown>)[] = [
    (ref) => orders.assign(ref, master.masterId, admin),
    (ref) => orders.accept(ref, admin),
    (ref) => orders.onSite(ref, admin),
  ];
  let closedId = 0;
  for (const [i, [equipmentType, problem, clientAddress, clientName]] of ORDERS.entries()) {
    const created = await orders.create(
      {
        equipmentType,
        problem,
        clientAddress,
        clientName,
        clientPhone: `+7 900 111-22-${String(30 + i)}`,
        arrivalText: i % 2 ? 'завтра в 15:00' : 'с 10 до 16',
      },
      admin,
    );
    if (!created.ok) throw new Error(reasonText(created));
    const ref = { id: created.value.id };
    const depth = [0, 1, 2, 3, 3, 0][i];
    for (const step of steps.slice(0, depth)) await step(ref);
    if (i === 3) {
      const money = { totalKopecks: 1_000_000, materialsKopecks: 300_000, reviewTaken: false };
      await orders.complete(ref, { ...money, outOfCity: true }, admin);
      closedId = ref.id;
    }
    if (i === 5) await orders.cancel(ref, 'Клиент нашёл другого мастера', admin);
  }
  return closedId;
}

async function main() {
  const browser = await chromiumOrSkip('the screenshots');
  if (!browser) return;
  const sandbox = await startSandbox();
  try {
    mkdirSync(OUT, { recursive: true });
    // The sandbox first, as a newcomer finds it: the dispatcher starts an order.
    const page = await browser.newPage({ viewport: { width: 1500, height: 820 } });
    await page.goto(sandbox.url);
    const ui = new SandboxPage(page);
    await ui.dispatcherCreatesAndAssigns();
    await ui.press('group', '✅ Принять заявку');
    await ui.sees('dispatcher', 'принята');
    await page.screenshot({ path: join(OUT, 'sandbox.png') });
    const closedId = await seed(sandbox.app);
    const consolePage = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    const admin = new TelegramUser(sandbox.api, PEOPLE.admin);
    await consolePage.goto(sandbox.consoleUrl + (await loginPath(sandbox.api, admin)));
    await consolePage.screenshot({ path: join(OUT, 'web-board.png') });
    await consolePage.goto(`${sandbox.consoleUrl}/web/orders/${closedId}`);
    await consolePage.screenshot({ path: join(OUT, 'web-order.png'), fullPage: true });
    await consolePage.goto(`${sandbox.consoleUrl}/web/reports?period=this_month`);
    await consolePage.locator('canvas[data-drawn]').nth(2).waitFor();
    await consolePage.screenshot({ path: join(OUT, 'web-reports.png'), fullPage: true });

    process.stdout.write(`Screenshots written to ${OUT}\n`);
  } finally {
    await browser.close();
    await sandbox.close();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: Error) => {
    console.error(`Screenshots failed: ${error.message}`);
    process.exit(1);
  });
