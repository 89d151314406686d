import { ConfigService } from '@nestjs/config';
import { Ctx, Next, On, Update } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { IntakeReader } from '../../intake/intake.reader';
import type { BotContext } from '../bot-context';
import { enterScene } from '../scenes/scene-registry';
import { BotHandlers } from '../bot-handlers.decorator';
import { pastedOrderOf } from '../scenes/order-paste';

/**
 * One paste, one tap (docs/intake.md): a client's message a dispatcher or admin pastes or
 * forwards to the bot outside a dialog opens «➕ Создать заявку» pre-filled. Anything else —
 * a greeting, a question, a master's text — passes on to the menu as before.
 */
@Update()
@BotHandlers()
export class PasteUpdate {
  constructor(
    private readonly reader: IntakeReader,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @On('text')
  async onPaste(@Ctx() ctx: BotContext, @Next() next: () => Promise<void>) {
    // Who may create orders is the domain's to decide at «✅ Подтвердить»; this only spares
    // everyone else a dialog they could not finish.
    const roles = ctx.state.actor?.roles;
    if (!roles?.has('ADMIN') && !roles?.has('DISPATCHER')) return next();
    const paste = pastedOrderOf(ctx, this.reader, this.config.get('TZ', { infer: true }));
    if (!paste) return next();
    await enterScene(ctx, 'create-order', { paste });
  }
}
