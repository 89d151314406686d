import type { Browser, Page } from 'playwright-core';
import { Order } from '../../src/orders/order.entity';
import { BotApp, startBotApp } from '../support/bot-app';
import { chromiumOrSkip } from '../support/browser';
import { masterWithGroup } from '../support/master-with-group';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { baseUrlOf, loginPath } from '../support/web-console';

const MASTER = { id: 3001, first_name: 'Иван', last_name: 'Мастеров' };
const GROUP = { id: -1001234567890, title: 'Иван — рабочая группа', type: 'supergroup' as const };

// A dispatcher at the desk, in real headless Chromium; the master answers in Telegram (the
// fake Bot API). The steps build on each other, as one working session would.
describe('the web console in a browser', () => {
  let bot: BotApp;
  let browser: Browser | null;
  let page: Page;
  let base: string;
  let dispatcher: TelegramUser;
  let master: TelegramUser;

  beforeAll(async () => {
    browser = await chromiumOrSkip('the web console browser spec');
    if (!browser) return;
    bot = await startBotApp();
    base = await baseUrlOf(bot.app);
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    master = new TelegramUser(bot.api, MASTER);
    await masterWithGroup(
      bot.app,
      bot.api,
      { admin: { id: TEST_ADMIN_ID, first_name: 'Анна' }, master: MASTER },
      GROUP,
    );
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  it('signs in with the link /web sends', async () => {
    if (!browser) return;
    await page.goto(base + (await loginPath(bot.api, dispatcher)));
    expect(new URL(page.url()).pathname).toBe('/web');
    await page.getByRole('link', { name: '📋 Все заявки' }).waitFor();
    expect(await page.locator('.who').textContent()).toContain('Дарья');
  });

  it('creates an order with the same validation and arrival-time parsing', async () => {
    if (!browser) return;
    await page.getByRole('link', { name: '➕ Новая заявка' }).click();
    await page.selectOption('#equipmentType', 'Холодильники');
    await page.fill('#problem', 'Не морозит морозильная камера');
    await page.fill('#clientAddress', 'ул. Ленина, д. 5, кв. 12');
    await page.fill('#clientName', 'Мария Петровна');
    await page.fill('#clientPhone', '12345');
    await page.fill('#arrival', 'завтра в 15:00');
    await page.getByRole('button', { name: 'Создать заявку' }).click();
    await page.locator('.flash.error').waitFor();
    await page.fill('#clientPhone', '8 (900) 111-22-33');
    await page.getByRole('button', { name: 'Создать заявку' }).click();
    await page.getByText('✅ Заявка #1 создана.').waitFor();
    const order = await bot.dataSource.getRepository(Order).findOneByOrFail({ id: 1 });
    expect(order.clientPhone).toBe('+79001112233');
    expect(order.arrivalFrom).toBeInstanceOf(Date);
  });

  it('assigns it with the masters’ load shown; the card is posted in the work group', async () => {
    if (!browser) return;
    const option = page.locator('select[name=masterId] option').first();
    const shown = (await option.textContent())?.replace(/\s+/g, ' ').trim();
    expect(shown).toBe('Иван Мастеров (Холодильники) — в работе: 0');
    await page.getByRole('button', { name: 'Назначить' }).click();
    await page.getByText('✅ Готово.').waitFor();
    expect(await page.locator('h1 [data-status]').getAttribute('data-status')).toBe('ASSIGNED');
    await bot.api.waitForMessage(GROUP.id, 'Заявка #1', 10_000);
  });

  it('updates the board live when the master accepts in Telegram', async () => {
    if (!browser) return;
    await page.getByRole('link', { name: '📋 Доска' }).click();
    await page.locator('[data-status="ASSIGNED"] [data-order="1"]').waitFor();
    await master.press('✅ Принять заявку', GROUP.id);
    await page.locator('[data-status="ACCEPTED"] [data-order="1"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-status="ASSIGNED"] [data-order="1"]').count()).toBe(0);
  });

  it('downloads a report and draws the charts', async () => {
    if (!browser) return;
    await page.getByRole('link', { name: '📊 Отчёты' }).click();
    // Chart.js is served by the app itself; each canvas is marked once drawn.
    await page.locator('canvas[data-drawn]').nth(2).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '📋 Активные заявки' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('keeps admin pages from a dispatcher (403)', async () => {
    if (!browser) return;
    const response = await page.goto(`${base}/web/system`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Нет доступа');
  });

  it('refuses a forged CSRF token', async () => {
    if (!browser) return;
    await page.goto(`${base}/web/orders/1`);
    await page.fill('input[name=reason]', 'Клиент передумал');
    // What a page on another site, or a stale tab, would send: a token that is not this session's.
    await page.evaluate(
      "document.querySelectorAll('input[name=_csrf]').forEach((input) => { input.value = 'forged'; })",
    );
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/web/orders/1/cancel')),
      page.getByRole('button', { name: 'Отменить заявку' }).click(),
    ]);
    expect(response.status()).toBe(403);
    const order = await bot.dataSource.getRepository(Order).findOneByOrFail({ id: 1 });
    expect(order.status).toBe('ACCEPTED');
  });
});
