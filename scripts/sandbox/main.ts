// npm run sandbox — play dispatcher, admin and master in one browser page (docs/web.md).
import { startSandbox } from './sandbox';

async function main() {
  const port = Number(process.env.SANDBOX_PORT ?? 8080);
  const sandbox = await startSandbox(port);
  process.stdout.write(
    [
      '',
      `🧪 Песочница: ${sandbox.url}`,
      `🖥 Веб-консоль: ${sandbox.consoleUrl}/web (войти: отправьте /web в чате диспетчера или администратора)`,
      'Ни токена, ни сети: бот говорит со встроенным поддельным Bot API. Ctrl+C — выйти.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    sandbox
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`Песочница не запустилась: ${error.message}`);
  process.exit(1);
});
