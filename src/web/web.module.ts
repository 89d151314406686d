import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import helmet from 'helmet';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { UsersModule } from '../users/users.module';
import { SystemController } from './admin/system.controller';
import { AuthController } from './auth/auth.controller';
import { WebAuthModule } from './auth/web-auth.module';
import { WebAuthService } from './auth/web-auth.service';
import { WebGuard } from './auth/web-guard';
import { BoardController } from './board/board.controller';
import { BoardQueries } from './board/board.queries';
import { OrderChanges } from './board/order-changes';
import { OrderCardQueries } from './orders/order-card.queries';
import { OrdersController } from './orders/orders.controller';
import { PeopleController } from './people/people.controller';
import { ChartQueries } from './reports/chart.queries';
import { ReportsController } from './reports/reports.controller';
import { StaticController } from './static.controller';

/**
 * The web console under /web (docs/web.md): server-rendered pages, htmx, server-sent events.
 * An adapter like the bot: it reads with its own queries and changes through the use cases.
 */
@Module({
  imports: [
    WebAuthModule,
    UsersModule,
    OrdersModule,
    ReportsModule,
    NotificationsModule,
    SchedulerModule,
  ],
  controllers: [
    StaticController,
    AuthController,
    BoardController,
    OrdersController,
    PeopleController,
    ReportsController,
    SystemController,
  ],
  providers: [WebGuard, OrderChanges, BoardQueries, OrderCardQueries, ChartQueries],
})
export class WebModule implements NestModule {
  constructor(private readonly auth: WebAuthService) {}

  configure(consumer: MiddlewareConsumer): void {
    const https = this.auth.publishedOverHttps;
    // Security headers on the console only: the CSP allows our own scripts and nothing inline.
    // Over plain HTTP (a laptop, the sandbox) upgrading requests or HSTS would break the console.
    consumer
      .apply(
        helmet({
          contentSecurityPolicy: {
            directives: {
              'script-src': ["'self'"],
              'style-src': ["'self'"],
              'img-src': ["'self'", 'data:'],
              'connect-src': ["'self'"],
              'form-action': ["'self'"],
              'frame-ancestors': ["'none'"],
              'upgrade-insecure-requests': https ? [] : null,
            },
          },
          strictTransportSecurity: https,
        }),
      )
      .forRoutes('web', 'web/*path');
  }
}
