import { Action, Ctx, On, SceneEnter } from 'nestjs-telegraf';
import { botTexts } from '../../texts/ru/bot';
import { masterTexts } from '../../texts/ru/master';
import type { BotContext } from '../bot-context';
import { takeChoice } from './dialog-choice';
import { SceneId, SceneState, sceneState } from './scene-registry';
import { buttons } from '../buttons';

/** A dialog button's answer: `d:<choice>`. */
export type Choice = NonNullable<ReturnType<typeof buttons.choice.parse>>['choice'];

/** Nothing more to ask: the step has answered (and left the dialog, or stays where it is). */
export const END = { end: true } as const;

/**
 * Where an answer leads: the next step (with a line said before its question), the same
 * question again after a problem found later (by the domain), or END.
 */
export type Go<Name extends string> =
  Name | { to: Name; lead: string } | { problem: string } | typeof END;

/** A dialog's state with the step it is at. */
export type DialogState<K extends SceneId, Name extends string> = SceneState<K> & { step: Name };

export type Parsed<V> = { ok: true; value: V } | { ok: false; problem: string };

/** One question of a dialog and what its answer does: a typed `Value` or a `Chosen` button. */
export interface Step<State, Name extends string, Value, Chosen extends Choice = never> {
  /** Sends the question; `lead` (a problem with the last answer, a warning) comes first. */
  ask(ctx: BotContext, state: State, lead?: string): Promise<unknown>;
  /** Reads a typed answer. A step without it takes only buttons. */
  parse?(text: string, state: State, ctx: BotContext): Parsed<Value> | Promise<Parsed<Value>>;
  /** Reads a pressed button of the dialog's own (not `d:`); undefined when it is not this step's. */
  press?(ctx: BotContext, state: State): { value: Value } | undefined;
  /** The dialog buttons that answer it as well (or instead). */
  choices?: readonly Chosen[];
  /**
   * Keeps a good answer in the state and says where the dialog goes. Absent: the step is
   * answered by a handler of the dialog's own (its own buttons).
   */
  next?(ctx: BotContext, state: State, answer: Value | Chosen): Go<Name> | Promise<Go<Name>>;
  /** Bad input: by default the question again, after the problem. */
  onError?(ctx: BotContext, state: State, problem: string): Promise<unknown>;
}

/** A dialog's steps by name, each declared with `StepDialog.step` (which types its answer). */
export type Steps<State, Name extends string> = Record<Name, Step<State, Name, never, never>>;

/**
 * Runs a dialog declared as a table of steps: asks the first, then for each answer (a typed
 * text or a `d:` button) parses it, and either goes where `next` says or shows the problem and
 * asks the same question again. The current step's name is kept in the dialog's state, so a
 * dialog survives a restart. A subclass is a `@Scene` with `@BotHandlers()`.
 */
export abstract class StepDialog<K extends SceneId, Name extends string> {
  protected abstract readonly scene: K;
  protected abstract readonly steps: Steps<DialogState<K, Name>, Name>;
  protected abstract readonly first: Name;

  /** Declares a step of this dialog; its answer's type comes from `parse` and `choices`. */
  protected step<Value = never, Chosen extends Choice = never>(
    definition: Step<DialogState<K, Name>, Name, Value, Chosen>,
  ) {
    return definition as unknown as Step<DialogState<K, Name>, Name, never, never>;
  }

  /** Where the dialog begins; a dialog may look something up first (or end at once). */
  protected start(_ctx: BotContext, _state: DialogState<K, Name>): Go<Name> | Promise<Go<Name>> {
    return this.first;
  }

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    const state = this.state(ctx);
    await this.go(ctx, state, await this.start(ctx, state));
  }

  @On('text')
  async onText(@Ctx() ctx: BotContext) {
    const state = this.state(ctx);
    const current = this.steps[state.step];
    const text = ctx.message && 'text' in ctx.message ? ctx.message.text : '';
    if (!current.parse || !current.next) {
      return this.refuse(ctx, state, masterTexts.answerWithButtons);
    }
    const parsed = await current.parse(text, state, ctx);
    if (!parsed.ok) return this.refuse(ctx, state, parsed.problem);
    return this.answer(ctx, state, parsed.value);
  }

  /** A good answer to the current step: `next` says where the dialog goes. */
  protected async answer(ctx: BotContext, state: DialogState<K, Name>, value: unknown) {
    const next = this.steps[state.step].next;
    if (next) await this.go(ctx, state, await next(ctx, state, value as never));
  }

  protected state(ctx: BotContext) {
    const state = sceneState(ctx, this.scene) as DialogState<K, Name>;
    // A dialog begun before it had steps (an older version, a restart) is at its first.
    if (!(state.step in this.steps)) state.step = this.first;
    return state;
  }

  protected async go(ctx: BotContext, state: DialogState<K, Name>, go: Go<Name>) {
    if (typeof go === 'object' && 'end' in go) return;
    if (typeof go === 'object' && 'problem' in go) return this.refuse(ctx, state, go.problem);
    const { to, lead } = typeof go === 'string' ? { to: go, lead: undefined } : go;
    state.step = to;
    await this.steps[to].ask(ctx, state, lead);
  }

  private async refuse(ctx: BotContext, state: DialogState<K, Name>, problem: string) {
    const current = this.steps[state.step];
    if (current.onError) await current.onError(ctx, state, problem);
    else await current.ask(ctx, state, problem);
  }
}

/** A step dialog with `d:` buttons («⏭️ Пропустить», «✅ Подтвердить», «❌ Отмена»). */
export abstract class ButtonStepDialog<K extends SceneId, Name extends string> extends StepDialog<
  K,
  Name
> {
  @Action(buttons.choice.pattern)
  async onChoice(@Ctx() ctx: BotContext) {
    const state = this.state(ctx);
    const current = this.steps[state.step];
    const choice = await takeChoice(ctx, () => this.cancelled(ctx, state));
    // A button of another step (pressed before its keyboard was removed) does nothing.
    if (!choice || !current.choices?.includes(choice as never)) return;
    await this.answer(ctx, state, choice);
  }

  /** What «❌ Отмена» says once the dialog is left. */
  protected cancelled(ctx: BotContext, _state: DialogState<K, Name>): Promise<unknown> {
    return ctx.reply(botTexts.cancelled);
  }
}

/** The question after `lead`, in one message. */
export const withLead = (lead: string | undefined, question: string) =>
  lead ? `${lead}\n\n${question}` : question;

/** A buttons-only step's answer to typed text: the problem alone, the buttons are still there. */
export const replyOnly = (ctx: BotContext, _state: unknown, problem: string) => ctx.reply(problem);

/** The question after `lead`, said in a message of its own (dialogs that word it so). */
export async function leadApart(
  ctx: BotContext,
  lead: string | undefined,
  ask: () => Promise<unknown>,
) {
  if (lead) await ctx.reply(lead);
  return ask();
}
