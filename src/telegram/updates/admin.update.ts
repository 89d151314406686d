import { Logger } from '@nestjs/common';
import { Action, Command, Ctx, Hears, Update } from 'nestjs-telegraf';
import { pageWindow } from '../../common/page-window';
import { basename } from 'node:path';
import { ConfigService } from '@nestjs/config';
import { BackupService } from '../../backup/backup.service';
import type { Environment } from '../../config/environment';
import { JobStatus, SchedulerStatus } from '../../scheduler/scheduler-status';
import { OutboxAdminService } from '../../notifications/outbox-admin.service';
import { BACKUP_TEXTS } from '../../texts/ru/backup';
import { OrdersService } from '../../orders/orders.service';
import {
  adminCommandTexts as t,
  JobLineView,
  jobTimingTexts,
  usersAdminTexts,
} from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import { STATUS_LABELS } from '../../texts/ru/orders';
import { JOB_LABELS } from '../../texts/ru/scheduler';
import { Role, ROLES } from '../../users/role';
import { displayName, UsersService } from '../../users/users.service';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { buttons } from '../buttons';
import { formatInstant } from '../cards/order-times';
import { Roles } from '../guards/roles.decorator';
import { deleteConfirmKeyboard } from '../keyboards/admin.keyboards';
import { pageOf, splitDigest } from '../pagination/pages';
import { pagerKeyboard, showPage, withPageIndicator } from '../pagination/pager';
import { answerButton, textOf } from '../replies';
import { moneyOf } from '../scenes/edit-closed.scene';
import { enterScene } from '../scenes/scene-registry';
import { BotCommandsService } from '../transport/bot-commands.service';
import { IntegrationCommands } from '../admin/integration.commands';
import { reasonText } from '../../texts/ru/reasons';

const TELEGRAM_ID = /^\d{1,15}$/;
const ORDER_NUMBER = /^#?(\d{1,9})$/;
const USER_GROUPS: readonly (Role | 'NONE')[] = [...ROLES, 'NONE'];

/** Lines of «👤 Пользователи» per page: a long list is easier to scan a screen at a time. */
const USERS_PAGE_SIZE = 40;

/** Failed notifications per page of `/admin outbox`. */
const FAILED_PAGE_SIZE = 10;

/** One line of «👤 Пользователи» and the group it is under. */
interface UserEntry {
  role: Role | 'NONE';
  line: string;
}

function jobLineView(job: JobStatus, zone: string): JobLineView {
  const when =
    'cron' in job.timing
      ? jobTimingTexts.cron(job.timing.cron, job.nextRunAt && formatInstant(job.nextRunAt, zone))
      : jobTimingTexts.every(job.timing.everyMinutes);
  const run = job.lastRun;
  let last: JobLineView['last'] = { outcome: 'never' };
  if (run?.lastStartedAt) {
    const startedAt = formatInstant(run.lastStartedAt, zone);
    const durationMs = run.lastDurationMs ?? 0;
    if (run.lastOutcome === 'ok') last = { outcome: 'ok', startedAt, durationMs };
    else if (run.lastOutcome === 'failed')
      last = { outcome: 'failed', startedAt, durationMs, error: run.lastError ?? '?' };
    else last = { outcome: 'running', startedAt };
  }
  return { label: JOB_LABELS[job.name] ?? job.name, when, last };
}

/**
 * `/admin …` and «👤 Пользователи» (docs/product.md §5). Non-admins are refused by the guard
 * with a clear message; the domain re-checks the rights and audits every change. Over 300
 * lines because `/admin` is one command: its subcommands are routed by one handler here, each
 * a short method over a use case; the integrations' subcommands live in `telegram/admin/`.
 */
@Update()
@BotHandlers()
@Roles('ADMIN')
export class AdminUpdate {
  private readonly logger = new Logger(AdminUpdate.name);

  constructor(
    private readonly users: UsersService,
    private readonly orders: OrdersService,
    private readonly commands: BotCommandsService,
    private readonly outbox: OutboxAdminService,
    private readonly backups: BackupService,
    private readonly scheduler: SchedulerStatus,
    private readonly config: ConfigService<Environment, true>,
    private readonly integrations: IntegrationCommands,
  ) {}

  @Command('admin')
  async onAdmin(@Ctx() ctx: BotContext) {
    const [, subcommand, ...args] = (textOf(ctx) ?? '').trim().split(/\s+/);
    switch (subcommand?.toLowerCase()) {
      case undefined:
        await ctx.reply(t.help);
        return;
      case 'role':
        await this.onRole(ctx, args);
        return;
      case 'outbox':
        await this.onOutbox(ctx);
        return;
      case 'backup':
        await this.onBackup(ctx);
        return;
      case 'jobs':
        await this.onJobs(ctx);
        return;
      case 'apikey':
        await this.integrations.apiKey(ctx, args);
        return;
      case 'webhooks':
        await this.integrations.webhookList(ctx);
        return;
      case 'webhook':
        await this.integrations.webhook(ctx, args);
        return;
      case 'edit_closed':
      case 'delete':
      case 'restore': {
        const orderId = await this.orderNumber(ctx, subcommand.toLowerCase(), args);
        if (orderId === null) return;
        if (subcommand.toLowerCase() === 'edit_closed') await this.onEditClosed(ctx, orderId);
        else if (subcommand.toLowerCase() === 'delete') await this.onDelete(ctx, orderId);
        else await this.onRestore(ctx, orderId);
        return;
      }
      default:
        await ctx.reply(t.unknownCommand(subcommand));
    }
  }

  /** `/admin backup`: a backup now, sent to the admin as a file; a failure is said plainly. */
  private async onBackup(ctx: BotContext) {
    await ctx.sendChatAction('upload_document');
    try {
      const backup = await this.backups.backup();
      await ctx.replyWithDocument({ source: backup.file, filename: basename(backup.file) });
      await ctx.reply(BACKUP_TEXTS.done(basename(backup.file), backup.bytes, backup.tookMs));
    } catch (error) {
      this.logger.error(`backup failed: ${(error as Error).message}`);
      await ctx.reply(BACKUP_TEXTS.failed((error as Error).message));
    }
  }

  /** `/admin jobs`: every scheduled job, when it runs and how its last run ended. */
  private async onJobs(ctx: BotContext) {
    const zone = this.config.get('TZ', { infer: true });
    const jobs = (await this.scheduler.jobs()).map((job) => jobLineView(job, zone));
    const disabledHere = !this.scheduler.enabledHere;
    const parts = splitDigest(jobs, (chunk) => t.jobs({ disabledHere, jobs: [...chunk] }));
    for (const part of parts) await ctx.reply(part);
  }

  /** `/admin outbox`: notifications that will not be delivered, with the reason, latest first. */
  private async onOutbox(ctx: BotContext) {
    await this.showFailedNotifications(ctx, 0, 'reply');
  }

  @Action(buttons.outboxPage.pattern)
  async onOutboxPage(@Ctx() ctx: BotContext) {
    const button = buttons.outboxPage.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    await this.showFailedNotifications(ctx, button.page, 'edit');
  }

  private async showFailedNotifications(ctx: BotContext, requested: number, how: 'reply' | 'edit') {
    const total = await this.outbox.countFailed();
    if (!total) return showPage(ctx, how, t.outboxClean);
    // Paged in SQL: failures pile up during an outage. Each line is cut short, so ten fit.
    const page = pageWindow(requested, total, FAILED_PAGE_SIZE);
    const rows = await this.outbox.failed(FAILED_PAGE_SIZE, page.offset);
    const text = withPageIndicator(t.outboxFailed(total, rows), {
      index: page.page,
      count: page.pageCount,
    });
    return showPage(
      ctx,
      how,
      text,
      pagerKeyboard(page, (p) => buttons.outboxPage.build({ page: p })),
    );
  }

  @Hears(botTexts.buttons.users)
  async onUsers(@Ctx() ctx: BotContext) {
    await this.showUsers(ctx, 0, 'reply');
  }

  @Action(buttons.usersPage.pattern)
  async onUsersPage(@Ctx() ctx: BotContext) {
    const button = buttons.usersPage.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    await this.showUsers(ctx, button.page, 'edit');
  }

  /**
   * «👤 Пользователи», a page at a time: everyone by role, people without a role last (a crowd
   * of strangers who pressed /start must not push the staff off the first page).
   */
  private async showUsers(ctx: BotContext, requested: number, how: 'reply' | 'edit') {
    const outcome = await this.users.listByRole(actorOf(ctx));
    if (!outcome.ok) {
      await ctx.reply(reasonText(outcome));
      return;
    }
    const groups = outcome.value;
    const everyone = new Set(Object.values(groups).flatMap((list) => list.map((user) => user.id)));
    const entries = USER_GROUPS.flatMap((role): UserEntry[] =>
      groups[role].length
        ? groups[role].map((user) => ({
            role,
            line: usersAdminTexts.line({
              name: displayName(user),
              telegramId: user.telegramId,
              username: user.username,
            }),
          }))
        : [{ role, line: usersAdminTexts.nobody }],
    );
    const page = pageOf(
      entries,
      (chunk, part) =>
        withPageIndicator(
          [
            usersAdminTexts.title(everyone.size),
            ...USER_GROUPS.flatMap((role) => {
              const lines = chunk.filter((entry) => entry.role === role).map((e) => e.line);
              return lines.length
                ? ['', usersAdminTexts.group(role, groups[role].length, lines)]
                : [];
            }),
          ].join('\n'),
          part,
        ),
      requested,
      { maxItems: USERS_PAGE_SIZE },
    );
    await showPage(
      ctx,
      how,
      page.text,
      pagerKeyboard(page, (p) => buttons.usersPage.build({ page: p })),
    );
  }

  @Action(buttons.confirmDelete.pattern)
  async onDeleteConfirmed(@Ctx() ctx: BotContext) {
    const button = buttons.confirmDelete.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const { orderId, version } = button;
    const outcome = await this.orders.softDelete({ id: orderId, version }, actorOf(ctx));
    await answerButton(ctx, outcome);
    if (!outcome.ok) return;
    await ctx.editMessageText(t.deleted(orderId)).catch(() => ctx.reply(t.deleted(orderId)));
  }

  @Action(buttons.keepOrder.pattern)
  async onDeleteDeclined(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await ctx.editMessageText(t.notDeleted).catch(() => ctx.reply(t.notDeleted));
  }

  private async onRole(ctx: BotContext, args: string[]) {
    if (args.length !== 3) {
      await ctx.reply(t.roleUsage);
      return;
    }
    const [idText, changeText, roleText] = args;
    const change = changeText.toLowerCase();
    const role = roleText.toUpperCase() as Role;
    const problem = !TELEGRAM_ID.test(idText)
      ? t.roleBadId(idText)
      : change !== 'add' && change !== 'remove'
        ? t.roleBadChange(changeText)
        : !ROLES.includes(role)
          ? t.roleBadRole(roleText)
          : null;
    if (problem) {
      await ctx.reply(`${problem}\n\n${t.roleUsage}`);
      return;
    }
    const telegramId = Number(idText);
    const actor = actorOf(ctx);
    const outcome =
      change === 'add'
        ? await this.users.grantRole(telegramId, role, actor)
        : await this.users.revokeRole(telegramId, role, actor);
    if (!outcome.ok) {
      await ctx.reply(reasonText(outcome));
      return;
    }
    await ctx.reply(
      change === 'add' ? t.roleGranted(role, telegramId) : t.roleRevoked(role, telegramId),
    );
    if (change === 'add' && role === 'ADMIN') {
      // A new admin sees /admin in the command menu; a failure here changes nothing else.
      await this.commands
        .forAdmin(telegramId)
        .catch((error: Error) =>
          this.logger.warn(`setMyCommands for ${telegramId}: ${error.message}`),
        );
    }
  }

  /** The order number of `/admin <command> <N>`, or null after telling what is wrong. */
  private async orderNumber(
    ctx: BotContext,
    command: string,
    args: string[],
  ): Promise<number | null> {
    const match = args.length === 1 ? ORDER_NUMBER.exec(args[0]) : null;
    if (match && Number(match[1]) > 0) return Number(match[1]);
    const problem = args.length === 1 ? `${t.badOrderNumber(args[0])}\n\n` : '';
    await ctx.reply(`${problem}${t.orderUsage(command)}`);
    return null;
  }

  private async onEditClosed(ctx: BotContext, orderId: number) {
    const allowed = await this.orders.precheck('correct_money', { id: orderId }, actorOf(ctx));
    if (!allowed.ok) {
      await ctx.reply(reasonText(allowed));
      return;
    }
    await enterScene(ctx, 'edit-closed', {
      orderId,
      version: allowed.value.version,
      before: moneyOf(allowed.value),
    });
  }

  private async onDelete(ctx: BotContext, orderId: number) {
    const allowed = await this.orders.precheck('delete', { id: orderId }, actorOf(ctx));
    if (!allowed.ok) {
      await ctx.reply(reasonText(allowed));
      return;
    }
    const order = allowed.value;
    const summary = `${STATUS_LABELS[order.status]} · ${order.equipmentType} · ${order.clientAddress}`;
    await ctx.reply(
      t.confirmDelete(orderId, summary),
      deleteConfirmKeyboard(orderId, order.version),
    );
  }

  private async onRestore(ctx: BotContext, orderId: number) {
    const outcome = await this.orders.undelete({ id: orderId }, actorOf(ctx));
    await ctx.reply(outcome.ok ? t.restored(orderId) : reasonText(outcome));
  }
}
