import type { Locator, Page } from 'playwright-core';

/** The sandbox page as a person uses it: panes by id, messages, buttons, the input line. */
export class SandboxPage {
  constructor(readonly page: Page) {}

  pane(id: string): Locator {
    return this.page.locator(`section.pane[data-pane="${id}"]`);
  }

  /** The newest message of the pane that shows `text`. */
  message(id: string, text: string | RegExp): Locator {
    return this.pane(id).locator('.msg', { hasText: text }).last();
  }

  sees(id: string, text: string | RegExp, timeout = 10_000): Promise<void> {
    return this.message(id, text).waitFor({ timeout });
  }

  /** Presses the newest inline button with this label. */
  async press(id: string, label: string | RegExp): Promise<void> {
    const button = this.pane(id).locator('button.inline', { hasText: label }).last();
    await button.waitFor();
    await button.click();
  }

  /** Presses a button of the reply keyboard under the input line. */
  reply(id: string, label: string): Promise<void> {
    return this.pane(id).locator('button.reply', { hasText: label }).click();
  }

  async type(id: string, text: string): Promise<void> {
    const input = this.pane(id).locator('input[name=text]');
    await input.fill(text);
    await input.press('Enter');
  }

  /** The demo's first half: the dispatcher takes the call, creates the order, assigns Ivan. */
  async dispatcherCreatesAndAssigns(): Promise<void> {
    const d = 'dispatcher';
    await this.sees(d, 'Выберите действие');
    await this.reply(d, '➕ Создать заявку');
    await this.sees(d, 'Шаг 1/7');
    await this.press(d, 'Холодильники');
    const answers = [
      'Не морозит морозильная камера',
      'ул. Ленина, д. 5, кв. 12',
      'Мария Петровна',
      '8 (900) 111-22-33',
    ];
    for (const [i, answer] of answers.entries()) {
      await this.sees(d, `Шаг ${i + 2}/7`);
      await this.type(d, answer);
    }
    await this.sees(d, 'Шаг 6/7');
    await this.press(d, '⏭️ Пропустить');
    await this.sees(d, 'Шаг 7/7');
    await this.type(d, 'завтра в 15:00');
    await this.sees(d, 'Проверьте данные');
    await this.press(d, '✅ Подтвердить');
    await this.sees(d, 'успешно создана');
    await this.press(d, '👨‍🔧 Назначить мастера');
    await this.sees(d, 'Выберите мастера');
    await this.press(d, /Иван Мастеров/);
    await this.sees(d, 'назначена');
  }
}
