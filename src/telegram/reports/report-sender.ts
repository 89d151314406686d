import { Injectable, Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import type { ReportResult } from '../../reports/report-file';
import { reportsMenuTexts as t } from '../../texts/ru/reports-menu';
import type { BotContext } from '../bot-context';
import { reportNoteText } from '../../texts/ru/report-summary';

/** Telegram refuses longer messages. */
const TEXT_LIMIT = 4096;

/**
 * Shows progress while a report is built (a status message and the `upload_document`
 * action), then sends the file as a document with its text summary, or the "no orders" text.
 */
@Injectable()
export class ReportSender {
  private readonly logger = new Logger(ReportSender.name);

  async send(ctx: BotContext, build: () => Promise<ReportResult>): Promise<void> {
    const status = await ctx.reply(t.preparing);
    const chatId = status.chat.id;
    await ctx.sendChatAction('upload_document');
    let report: ReportResult;
    try {
      report = await build();
    } catch (error) {
      this.logger.error(`report failed: ${(error as Error).stack ?? String(error)}`);
      await ctx.telegram.editMessageText(chatId, status.message_id, undefined, t.failed);
      return;
    }
    if (report.kind === 'empty') {
      await ctx.telegram.editMessageText(
        chatId,
        status.message_id,
        undefined,
        reportNoteText(report.note),
      );
      return;
    }
    try {
      await ctx.replyWithDocument({ source: report.filePath, filename: report.fileName });
      await ctx.reply(reportNoteText(report.note).slice(0, TEXT_LIMIT));
      await ctx.telegram.editMessageText(chatId, status.message_id, undefined, t.ready);
    } finally {
      await rm(report.filePath, { force: true });
    }
  }
}
