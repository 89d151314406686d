import './instrument';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { setupApiDocs } from './api/openapi';
import { AppModule } from './app.module';
import { describeConfigProblems } from './config/config-problems';
import { Environment, parseEnvironment } from './config/environment';
import { createAppLogger } from './logging/logger.factory';

async function bootstrap() {
  const problems = describeConfigProblems(process.env);
  if (problems) {
    console.error(problems);
    process.exit(1);
  }
  const env = parseEnvironment(process.env).env as Environment;
  const logger = createAppLogger(env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), { logger });
  // Behind nginx the client's address comes from X-Forwarded-For, set by trusted hops only.
  if (env.TRUST_PROXY_HOPS > 0) app.set('trust proxy', env.TRUST_PROXY_HOPS);
  // SIGTERM/SIGINT: stop taking work, let in-flight work finish, close the database.
  app.enableShutdownHooks();
  setupApiDocs(app);
  await app.listen(env.HTTP_PORT);
  logger.log(`repair-dispatch listening on port ${env.HTTP_PORT}`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  console.error(`The service failed to start: ${error.message}`);
  process.exit(1);
});
