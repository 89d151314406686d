import type { Outcome } from '../../common/outcome';
import { AnyReason, reasonText } from '../../texts/ru/reasons';
import type { BotContext } from '../bot-context';
import { END } from './step-dialog';

/**
 * What a dialog's last step does with its use case's outcome. A value the domain refused as
 * invalid is asked for again, with the reason (`go`); otherwise the dialog is over: a refusal
 * is told and the dialog ends (`go`), a success comes back as `value` for the step to report.
 */
export async function settleDialog<T>(
  ctx: BotContext,
  outcome: Outcome<T, AnyReason>,
): Promise<{ go: { problem: string } | typeof END } | { value: T }> {
  if (!outcome.ok && outcome.code === 'invalid') return { go: { problem: reasonText(outcome) } };
  await ctx.scene.leave();
  if (outcome.ok) return { value: outcome.value };
  await ctx.reply(reasonText(outcome));
  return { go: END };
}
