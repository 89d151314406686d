import type { Scenes } from 'telegraf';
import type { ActorWithRights } from '../users/actor';

/** Per-dialog state kept by a wizard between steps (persisted with the session). */
export interface DialogState extends Scenes.WizardSessionData {
  /** Where the dialog was started; answers from another chat are not taken. */
  chatId?: number;
  data?: Record<string, unknown>;
}

export type BotSession = Scenes.WizardSession<DialogState>;

/** The context every handler gets: telegraf's, plus the person behind the update. */
export interface BotContext extends Scenes.WizardContext<DialogState> {
  session: BotSession;
  state: {
    actor?: ActorWithRights;
    /** Set when the update was not handled normally; counted by `UpdateMetricsMiddleware`. */
    outcome?: 'ignored' | 'error';
  };
}

/** The acting person; the actor middleware sets it for every update that has a sender. */
export function actorOf(ctx: BotContext): ActorWithRights {
  const actor = ctx.state.actor;
  if (!actor) throw new Error('no actor on this update');
  return actor;
}
