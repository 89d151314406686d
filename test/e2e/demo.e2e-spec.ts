import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('npm run demo', () => {
  it('plays one order end to end without a token or network and prints the split', () => {
    const root = join(__dirname, '..', '..');
    const demo = spawnSync(
      process.execPath,
      ['-r', require.resolve('ts-node/register/transpile-only'), join(root, 'scripts', 'demo.ts')],
      { cwd: root, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 90_000 },
    );
    expect(demo.stderr).not.toContain('Демонстрация не удалась');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('✅ Заявка #1 успешно создана!');
    expect(demo.stdout).toContain('🔔 Новая заявка назначена!');
    expect(demo.stdout).toMatch(/Мастеру: 4 200 ₽ · 🏢 Компании: 2 800 ₽/);
    // The dispatcher receives the result.
    expect(demo.stdout).toMatch(/бот → Диспетчер:\n\s+💰 Заявка #1 завершена/);
    // One paste, one tap: a forwarded client's message, read, confirmed, created.
    expect(demo.stdout).toMatch(
      /\[пересылает сообщение клиента\][\s\S]*бот → Диспетчер:\n\s+📥 Из сообщения: 🔧 Посудомоечная машина/,
    );
    expect(demo.stdout).toContain('↪️ Переслано от Мария (клиент)');
    expect(demo.stdout).toContain('✅ Заявка #2 успешно создана!');
  });
});
