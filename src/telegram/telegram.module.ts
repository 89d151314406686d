import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TelegrafModule } from 'nestjs-telegraf';
import { session } from 'telegraf';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { BackupModule } from '../backup/backup.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TelegramOutboxModule } from './outbox/telegram-outbox.module';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { UsersModule } from '../users/users.module';
import type { BotContext } from './bot-context';
import { BotExceptionFilter } from './filters/bot-exception.filter';
import { RolesGuard } from './guards/roles.guard';
import { ActorMiddleware } from './middleware/actor.middleware';
import { BotApiMiddleware } from './middleware/bot-api.middleware';
import { ChatSequencerMiddleware } from './middleware/chat-sequencer.middleware';
import { DialogExitMiddleware } from './middleware/dialog-exit.middleware';
import { DialogInputMiddleware } from './middleware/dialog-input.middleware';
import { FloodGuardMiddleware } from './middleware/flood-guard.middleware';
import { IgnoredUpdatesMiddleware } from './middleware/ignored-updates.middleware';
import { UpdateDedupMiddleware } from './middleware/update-dedup.middleware';
import { UpdateMetricsMiddleware } from './middleware/update-metrics.middleware';
import { ReplicaRedis } from './replicas/replica-redis';
import { UpdateClaims } from './replicas/update-claims';
import { DatabaseSessionStore } from './session/database-session.store';
import { RedisSessionStore } from './session/redis-session.store';
import { SkipUnchangedSessionStore } from './session/skip-unchanged.store';
import { TransactionRunner } from '../database/transaction-runner';
import { BotCommandsService } from './transport/bot-commands.service';
import { BotLauncher } from './transport/bot-launcher.service';
import { WebhookController } from './transport/webhook.controller';
import { CompleteOrderScene } from './scenes/complete-order.scene';
import { LongRepairScene } from './scenes/long-repair.scene';
import { CreateOrderScene } from './scenes/create-order.scene';
import { EditOrderScene } from './scenes/edit-order.scene';
import { CancelOrderScene, ClientRefusedScene, MasterCancelScene } from './scenes/reason.scenes';
import { SearchOrdersScene } from './scenes/search-orders.scene';
import { RescheduleScene } from './scenes/reschedule.scene';
import { AddMasterScene } from './scenes/add-master.scene';
import { EditSpecializationScene, FireMasterScene } from './scenes/master-edit.scenes';
import { AdminUpdate } from './updates/admin.update';
import { EditClosedScene } from './scenes/edit-closed.scene';
import { CommonUpdate } from './updates/common.update';
import { DispatcherUpdate } from './updates/dispatcher.update';
import { FallbackUpdate } from './updates/fallback.update';
import { ReportsMenuUpdate } from './updates/reports-menu.update';
import { ReportSender } from './reports/report-sender';
import { ReportPeriodScene } from './scenes/report-period.scene';
import { MasterUpdate } from './updates/master.update';
import { MastersMenuUpdate } from './updates/masters-menu.update';
import { WorkGroupUpdate } from './updates/work-group.update';
import { IntakeFieldScene, IntakeUpdate } from './updates/intake.update';
import { PasteUpdate } from './updates/paste.update';
import { IntakeModule } from '../intake/intake.module';
import { ApiKeysModule } from '../api/keys/api-keys.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { IntegrationCommands } from './admin/integration.commands';
import { WebLoginUpdate } from './updates/web-login.update';

const MIDDLEWARES = [
  BotApiMiddleware,
  UpdateMetricsMiddleware,
  UpdateDedupMiddleware,
  IgnoredUpdatesMiddleware,
  ChatSequencerMiddleware,
  FloodGuardMiddleware,
  ActorMiddleware,
  DialogInputMiddleware,
  DialogExitMiddleware,
];

/** Builds the middleware chain; it runs before the scenes and the update classes. */
@Module({
  imports: [UsersModule, TelegramOutboxModule],
  providers: [ReplicaRedis, UpdateClaims, ...MIDDLEWARES],
  exports: [ReplicaRedis, UpdateClaims, ...MIDDLEWARES],
})
class BotMiddlewareModule {}

/**
 * The Telegram adapter: translates updates into domain calls. It holds no business rule;
 * the domain services decide, with the acting user passed in.
 */
@Module({
  imports: [
    UsersModule,
    OrdersModule,
    ReportsModule,
    NotificationsModule,
    TelegramOutboxModule,
    BackupModule,
    SchedulerModule,
    IntakeModule,
    ApiKeysModule,
    WebhooksModule,
    BotMiddlewareModule,
    TelegrafModule.forRootAsync({
      imports: [BotMiddlewareModule],
      inject: [ConfigService, DataSource, TransactionRunner, ReplicaRedis, ...MIDDLEWARES],
      useFactory: (
        config: ConfigService<Environment, true>,
        dataSource: DataSource,
        db: TransactionRunner,
        replica: ReplicaRedis,
        botApi: BotApiMiddleware,
        updateMetrics: UpdateMetricsMiddleware,
        dedup: UpdateDedupMiddleware,
        ignored: IgnoredUpdatesMiddleware,
        sequencer: ChatSequencerMiddleware,
        flood: FloodGuardMiddleware,
        actor: ActorMiddleware,
        dialogInput: DialogInputMiddleware,
        dialogExit: DialogExitMiddleware,
      ) => {
        // With REDIS_URL sessions share the replicas' connection, which closes with the app.
        const store = new SkipUnchangedSessionStore(
          replica.client
            ? new RedisSessionStore(replica.client)
            : new DatabaseSessionStore(dataSource, db),
        );
        const apiRoot = config.get('TELEGRAM_API_ROOT', { infer: true });
        return {
          token: config.get('BOT_TOKEN', { infer: true }),
          // BotLauncher starts it once every handler is registered.
          launchOptions: false,
          options: { telegram: apiRoot ? { apiRoot } : {}, handlerTimeout: 60_000 },
          middlewares: [
            botApi.middleware,
            updateMetrics.middleware,
            dedup.middleware,
            ignored.middleware,
            sequencer.middleware,
            flood.middleware,
            actor.middleware,
            // Dialogs belong to the person, not the chat: started in a group, answered anywhere.
            session<BotContext['session'], BotContext, 'session'>({
              store,
              getSessionKey: (ctx) => (ctx.from ? String(ctx.from.id) : undefined),
            }),
            dialogInput.middleware,
            dialogExit.middleware,
          ],
        };
      },
    }),
  ],
  controllers: [WebhookController],
  providers: [
    IntegrationCommands,
    RolesGuard,
    BotExceptionFilter,
    BotCommandsService,
    BotLauncher,
    CommonUpdate,
    WorkGroupUpdate,
    DispatcherUpdate,
    CreateOrderScene,
    EditOrderScene,
    CancelOrderScene,
    SearchOrdersScene,
    CompleteOrderScene,
    MasterCancelScene,
    ClientRefusedScene,
    RescheduleScene,
    LongRepairScene,
    AdminUpdate,
    MastersMenuUpdate,
    MasterUpdate,
    EditClosedScene,
    AddMasterScene,
    EditSpecializationScene,
    FireMasterScene,
    ReportSender,
    ReportsMenuUpdate,
    ReportPeriodScene,
    IntakeFieldScene,
    WebLoginUpdate,
    // Its text handler passes on whatever is not a post in an intake group.
    IntakeUpdate,
    // A client's message pasted in the private chat; passes on whatever is not one.
    PasteUpdate,
    // Last: it answers only what every handler above left alone.
    FallbackUpdate,
  ],
})
export class TelegramModule {}
