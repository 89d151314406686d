import type { Browser, Locator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/sandbox';
import { chromiumOrSkip } from '../support/browser';

// A newcomer in `npm run sandbox` plays the demo journey by clicking, in real Chromium.
describe('the sandbox', () => {
  let browser: Browser | null;
  let sandbox: Sandbox;
  let page: Page;

  beforeAll(async () => {
    browser = await chromiumOrSkip('the sandbox browser spec');
    if (!browser) return;
    sandbox = await startSandbox();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(sandbox.url);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  const pane = (id: string) => page.locator(`section.pane[data-pane="${id}"]`);
  /** The newest message of the pane that shows `text`. */
  const message = (id: string, text: string | RegExp): Locator =>
    pane(id).locator('.msg', { hasText: text }).last();
  const sees = (id: string, text: string | RegExp) =>
    message(id, text).waitFor({ timeout: 10_000 });
  const press = (id: string, label: string | RegExp) =>
    pane(id).locator('button.inline', { hasText: label }).last().click();
  const type = async (id: string, text: string) => {
    await pane(id).locator('input[name=text]').fill(text);
    await pane(id).locator('input[name=text]').press('Enter');
  };

  it('takes an order from the call to the master’s money, all by clicking', async () => {
    if (!browser) return;
    await sees('dispatcher', 'Выберите действие');
    await pane('dispatcher').locator('button.reply', { hasText: '➕ Создать заявку' }).click();
    await sees('dispatcher', 'Шаг 1/7');
    await press('dispatcher', 'Холодильники');
    await sees('dispatcher', 'Шаг 2/7');
    await type('dispatcher', 'Не морозит морозильная камера');
    await sees('dispatcher', 'Шаг 3/7');
    await type('dispatcher', 'ул. Ленина, д. 5, кв. 12');
    await sees('dispatcher', 'Шаг 4/7');
    await type('dispatcher', 'Мария Петровна');
    await sees('dispatcher', 'Шаг 5/7');
    await type('dispatcher', '8 (900) 111-22-33');
    await sees('dispatcher', 'Шаг 6/7');
    await press('dispatcher', '⏭️ Пропустить');
    await sees('dispatcher', 'Шаг 7/7');
    await type('dispatcher', 'завтра в 15:00');
    await sees('dispatcher', 'Проверьте данные');
    await press('dispatcher', '✅ Подтвердить');
    await sees('dispatcher', 'успешно создана');
    await press('dispatcher', '👨‍🔧 Назначить мастера');
    await sees('dispatcher', 'Выберите мастера');
    await press('dispatcher', /Иван Мастеров/);
    await sees('dispatcher', 'назначена');

    await sees('group', 'Новая заявка');
    await press('group', '✅ Принять заявку');
    await pane('group').locator('button.inline', { hasText: '🏠 Я на объекте' }).waitFor();
    await press('group', '🏠 Я на объекте');
    await pane('group').locator('button.inline', { hasText: '💰 Завершить' }).waitFor();
    await press('group', '💰 Завершить');
    await sees('group', 'общую сумму');
    await type('group', '10 000');
    await sees('group', 'расходных материалов');
    await type('group', '3000');
    await sees('group', 'Верно?');
    await press('group', '✅ Да');
    await sees('group', 'отзыв');
    await press('group', '❌ Нет');
    await sees('group', 'за город');
    await press('group', '✅ Да');
    await sees('group', 'Проверьте данные');
    await press('group', '✅ Подтвердить');
    await sees('group', 'завершена');

    const result = await message('dispatcher', /завершен/i);
    await result.waitFor({ timeout: 15_000 });
    const summary = (await pane('group').textContent()) ?? '';
    expect(summary).toContain('4 200');
    expect(summary).toContain('2 800');
    // Bot HTML is rendered, not shown as tags.
    expect(await pane('group').locator('.msg b').count()).toBeGreaterThan(0);
    expect(summary).not.toContain('<b>');
  });
});
