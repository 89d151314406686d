import type { Actor } from './actor';
import type { Outcome } from '../common/outcome';

/** Only staff may use the web console. */
export type NoConsoleAccess = { reason: 'no_console_access' };

/**
 * One-time sign-in links to the web console, as the bot's `/web` asks for them. The web module
 * provides it; the bot depends on this port only, so the Telegram adapter never imports the web
 * adapter.
 */
export abstract class SignInLinks {
  /** How long a link stays valid. */
  abstract readonly lifetimeMs: number;
  abstract issueLink(actor: Actor): Promise<Outcome<string, NoConsoleAccess>>;
}
