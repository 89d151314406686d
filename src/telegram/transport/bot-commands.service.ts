import { Injectable } from '@nestjs/common';
import { InjectBot } from 'nestjs-telegraf';
import { Telegraf } from 'telegraf';
import { DataSource } from 'typeorm';
import { botCommands } from '../../texts/ru/bot';
import { UserRepository } from '../../users/user.repository';
import type { BotContext } from '../bot-context';

/** Commands per role with setMyCommands scopes: everyone sees /start and /cancel, admins /admin. */
@Injectable()
export class BotCommandsService {
  constructor(
    @InjectBot() private readonly bot: Telegraf<BotContext>,
    private readonly dataSource: DataSource,
    private readonly people: UserRepository,
  ) {}

  async register(): Promise<void> {
    await this.bot.telegram.setMyCommands([...botCommands.everyone], {
      scope: { type: 'default' },
    });
    const admins = await this.people.admins(this.dataSource.manager);
    for (const admin of admins) await this.forAdmin(admin.telegramId);
  }

  /** A new admin sees /admin in their private chat. */
  async forAdmin(telegramId: number): Promise<void> {
    await this.bot.telegram.setMyCommands([...botCommands.everyone, ...botCommands.admin], {
      scope: { type: 'chat', chat_id: telegramId },
    });
  }
}
