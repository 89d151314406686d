// The outbox sender as a process of its own, until it is stopped or killed (outbox-crash spec).
// Run: node -r ts-node/register/transpile-only sender-process.ts, with the service's environment.
import { NestFactory } from '@nestjs/core';
import { SenderOnlyModule } from './sender-module';

async function main() {
  const app = await NestFactory.createApplicationContext(SenderOnlyModule.forRoot(), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  console.warn('outbox sender running');
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
