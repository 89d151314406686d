import type { Browser } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/sandbox';
import { chromiumOrSkip } from '../support/browser';
import { SandboxPage } from '../support/sandbox-page';

// A newcomer in `npm run sandbox` plays the demo journey by clicking, in real Chromium.
describe('the sandbox', () => {
  let browser: Browser | null;
  let sandbox: Sandbox;
  let ui: SandboxPage;

  beforeAll(async () => {
    browser = await chromiumOrSkip('the sandbox browser spec');
    if (!browser) return;
    sandbox = await startSandbox();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(sandbox.url);
    ui = new SandboxPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('takes an order from the call to the master’s money, all by clicking', async () => {
    if (!browser) return;
    await ui.dispatcherCreatesAndAssigns();

    const g = 'group';
    await ui.sees(g, 'Новая заявка');
    await ui.press(g, '✅ Принять заявку');
    await ui.press(g, '🏠 Я на объекте');
    await ui.press(g, '💰 Завершить');
    await ui.sees(g, 'общую сумму');
    await ui.type(g, '10 000');
    await ui.sees(g, 'расходных материалов');
    await ui.type(g, '3000');
    await ui.sees(g, 'Верно?');
    await ui.press(g, '✅ Да');
    await ui.sees(g, 'отзыв');
    await ui.press(g, '❌ Нет');
    await ui.sees(g, 'за город');
    await ui.press(g, '✅ Да');
    await ui.sees(g, 'Проверьте данные');
    await ui.press(g, '✅ Подтвердить');
    await ui.sees(g, 'завершена');
    await ui.sees('dispatcher', /завершен/i, 15_000);

    const group = (await ui.pane(g).textContent()) ?? '';
    expect(group).toContain('4 200');
    expect(group).toContain('2 800');
    // The bot's HTML is rendered as formatting, never shown as tags.
    expect(await ui.pane(g).locator('.msg b').count()).toBeGreaterThan(0);
    expect(group).not.toContain('<b>');
  });

  it('opens a document the bot sends', async () => {
    if (!browser) return;
    await ui.reply('admin', '📊 Отчеты');
    await ui.press('admin', '📊 Ежедневная сводка');
    await ui.sees('admin', 'За какой период?');
    await ui.press('admin', 'Сегодня');
    const document = ui.pane('admin').locator('a.document').last();
    await document.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([ui.page.waitForEvent('download'), document.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });
});
