import { Action, Ctx, Hears, Next, On, Scene, Update } from 'nestjs-telegraf';
import { normalizeInput } from '../../common/normalize-input';
import {
  ConfirmResult,
  DRAFT_FIELDS,
  DraftField,
  type IntakeDraft,
  IntakeService,
} from '../../intake/intake.service';
import { botTexts } from '../../texts/ru/bot';
import { intakeTexts as t } from '../../texts/ru/intake';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { buttons } from '../buttons';
import { escapeHtml } from '../cards/html';
import { groupWithBot, privacyHidesMessages } from '../group-check';
import { Roles } from '../guards/roles.decorator';
import {
  draftCardKeyboard,
  draftFieldsKeyboard,
  INTAKE_GROUP_REQUEST_ID,
  intakeGroupPickerKeyboard,
} from '../keyboards/intake.keyboards';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import { answerButton, textOf } from '../replies';
import { askInDialog } from '../scenes/ask-in-dialog';
import { enterScene, SceneId, SceneState } from '../scenes/scene-registry';
import { END, StepDialog, withLead } from '../scenes/step-dialog';
import { reasonText } from '../../texts/ru/reasons';
import { settleDialog } from '../scenes/use-case-answer';

const REQUIRED: readonly DraftField[] = [
  'equipmentType',
  'problem',
  'clientName',
  'clientAddress',
  'clientPhone',
];

/** The draft card: the fields read from the post, what is missing, a possible duplicate. */
export function draftCard(draft: IntakeDraft, decidedBy: string | null = null) {
  const fields = Object.fromEntries(
    DRAFT_FIELDS.map((field) => {
      const value = draft.fields[field];
      return [field, value ? escapeHtml(value) : null];
    }),
  ) as Record<DraftField, string | null>;
  const text = t.card({
    draftId: draft.id,
    fields,
    required: REQUIRED,
    duplicateOrderId: draft.duplicateOrderId,
    status: draft.status,
    orderId: draft.orderId,
    decidedBy: decidedBy && escapeHtml(decidedBy),
  });
  return {
    text,
    extra: {
      parse_mode: 'HTML' as const,
      ...(draft.status === 'open'
        ? draftCardKeyboard(draft.id, draft.duplicateOrderId)
        : { reply_markup: { inline_keyboard: [] } }),
    },
  };
}

/** Shows the draft's current state on its card in the intake group. */
export async function refreshDraftCard(
  ctx: BotContext,
  draft: IntakeDraft,
  decidedBy: string | null = null,
) {
  if (draft.cardMessageId === null) return;
  const card = draftCard(draft, decidedBy);
  await ctx.telegram
    .editMessageText(draft.chatId, draft.cardMessageId, undefined, card.text, card.extra)
    .catch(() => undefined);
}

/**
 * Order intake from a group (docs/product.md §11, docs/intake.md): admins bind intake groups;
 * each post there that reads as an order gets a draft card; dispatchers and admins create the
 * order, correct a field or reject the draft with its buttons.
 */
@Update()
@BotHandlers()
export class IntakeUpdate {
  constructor(private readonly intake: IntakeService) {}

  @Hears(botTexts.buttons.intakeGroups)
  @Roles('ADMIN')
  async onMenu(@Ctx() ctx: BotContext) {
    const groups = await this.intake.listGroups();
    await ctx.reply(t.groupsTitle(groups.map((g) => g.title)), intakeGroupPickerKeyboard());
  }

  /** The chat picker's answer for an intake group (the masters' picker passes it on). */
  @On('chat_shared')
  @Roles('ADMIN')
  async onChatShared(@Ctx() ctx: BotContext) {
    const message = ctx.message;
    if (!message || !('chat_shared' in message)) return;
    if (message.chat_shared.request_id !== INTAKE_GROUP_REQUEST_ID) return;
    const actor = actorOf(ctx);
    const chat = await groupWithBot(ctx, message.chat_shared.chat_id);
    if (!chat) {
      await ctx.reply(t.groupBotNotMember, intakeGroupPickerKeyboard());
      return;
    }
    const outcome = await this.intake.bindGroup(chat, actor);
    if (!outcome.ok) {
      await ctx.reply(reasonText(outcome), mainMenu(actor.roles));
      return;
    }
    // The bot must read every message there, not only replies and commands.
    const hidden = !chat.botIsAdmin && (await privacyHidesMessages(ctx, chat.id));
    const bound = t.groupBound(chat.title);
    await ctx.reply(
      hidden ? `${bound}\n\n${t.privacyOn(chat.title)}` : bound,
      mainMenu(actor.roles),
    );
  }

  /** A post in an intake group: a draft card in reply when it reads as an order. */
  @On('text')
  async onPost(@Ctx() ctx: BotContext, @Next() next: () => Promise<void>) {
    const message = ctx.message;
    const text = textOf(ctx);
    if (!message || text === undefined || ctx.chat?.type === 'private' || !ctx.chat) {
      return next();
    }
    const draft = await this.intake.receive({
      chatId: ctx.chat.id,
      messageId: message.message_id,
      text,
      ...('username' in ctx.chat && ctx.chat.username ? { chatUsername: ctx.chat.username } : {}),
    });
    if (!draft) return next();
    // Redelivered after a crash: the card is there already.
    if (draft.cardMessageId !== null) return;
    await this.postCard(ctx, draft, message.message_id);
  }

  private async postCard(ctx: BotContext, draft: IntakeDraft, sourceMessageId: number) {
    const card = draftCard(draft);
    const sent = await ctx.reply(card.text, {
      ...card.extra,
      reply_parameters: { message_id: sourceMessageId, allow_sending_without_reply: true },
    });
    await this.intake.cardPosted(draft.id, sent.message_id);
  }

  /**
   * An edited post: its draft, while undecided, is read again and its card shows the new
   * fields; a post that only now reads as an order gets its card.
   */
  @On('edited_message')
  async onEditedPost(@Ctx() ctx: BotContext, @Next() next: () => Promise<void>) {
    const message = ctx.editedMessage;
    if (!message || !('text' in message) || !ctx.chat || ctx.chat.type === 'private') {
      return next();
    }
    const post = {
      chatId: ctx.chat.id,
      messageId: message.message_id,
      text: normalizeInput(message.text),
    };
    const updated = await this.intake.sourceEdited(post);
    if (updated) return refreshDraftCard(ctx, updated);
    const draft = await this.intake.receive(post);
    if (!draft || draft.cardMessageId !== null) return next();
    await this.postCard(ctx, draft, message.message_id);
  }

  @Action(buttons.createFromDraft.pattern)
  @Roles('ADMIN', 'DISPATCHER')
  async onCreate(@Ctx() ctx: BotContext) {
    const button = buttons.createFromDraft.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const outcome = await this.intake.confirm(button.draftId, actorOf(ctx));
    if (!outcome.ok) return answerButton(ctx, outcome);
    await ctx.answerCbQuery();
    await showConfirmResult(ctx, outcome.value);
  }

  @Action(buttons.rejectDraft.pattern)
  @Roles('ADMIN', 'DISPATCHER')
  async onReject(@Ctx() ctx: BotContext) {
    const button = buttons.rejectDraft.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const outcome = await this.intake.reject(button.draftId, actorOf(ctx));
    if (!outcome.ok) return answerButton(ctx, outcome);
    await ctx.answerCbQuery(t.rejected);
    await refreshDraftCard(ctx, outcome.value, actorOf(ctx).name);
  }

  @Action(buttons.draftFieldPicker.pattern)
  @Roles('ADMIN', 'DISPATCHER')
  async onFieldPicker(@Ctx() ctx: BotContext) {
    const button = buttons.draftFieldPicker.parse(ctx);
    const draft = button && (await this.intake.get(button.draftId));
    if (!button || !draft || draft.status !== 'open') {
      return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    }
    await ctx.answerCbQuery();
    const keyboard =
      button.show === 'fix'
        ? draftFieldsKeyboard(draft.id)
        : draftCardKeyboard(draft.id, draft.duplicateOrderId);
    await ctx.editMessageReplyMarkup(keyboard.reply_markup).catch(() => undefined);
  }

  @Action(buttons.fixDraftField.pattern)
  @Roles('ADMIN', 'DISPATCHER')
  async onFixField(@Ctx() ctx: BotContext) {
    const button = buttons.fixDraftField.parse(ctx);
    const draft = button && (await this.intake.get(button.draftId));
    if (!button || !draft || draft.status !== 'open') {
      return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    }
    await ctx.answerCbQuery();
    await enterScene(ctx, INTAKE_FIELD_SCENE, {
      draftId: draft.id,
      field: button.field,
      thenCreate: false,
    });
  }
}

const INTAKE_FIELD_SCENE = 'intake-field' as const satisfies SceneId;

/** After «✅»: the order, or the next field to ask for. */
async function showConfirmResult(ctx: BotContext, result: ConfirmResult) {
  if (result.kind === 'created') {
    await refreshDraftCard(ctx, result.draft, actorOf(ctx).name);
    return;
  }
  await enterScene(ctx, INTAKE_FIELD_SCENE, {
    draftId: result.draft.id,
    field: result.field,
    thenCreate: true,
    message: result.problem && reasonText(result.problem),
  });
}

/**
 * One field of a draft, typed by the dispatcher with the dialog's validation: in the group it
 * is a force-reply question to that person (privacy mode lets replies to the bot through).
 */
@Scene(INTAKE_FIELD_SCENE)
@BotHandlers()
export class IntakeFieldScene extends StepDialog<typeof INTAKE_FIELD_SCENE, 'value'> {
  constructor(private readonly intake: IntakeService) {
    super();
  }

  protected scene = INTAKE_FIELD_SCENE;
  protected first = 'value' as const;

  /** Asked because «✅» needed it: what was missing comes first. */
  protected override start(_ctx: BotContext, state: SceneState<typeof INTAKE_FIELD_SCENE>) {
    return state.message ? { to: this.first, lead: state.message } : this.first;
  }

  protected steps = {
    value: this.step({
      ask: (ctx, state, lead) =>
        askInDialog(ctx, withLead(lead, t.ask(state.field, state.draftId))),
      parse: (text: string) => ({ ok: true, value: text }),
      next: async (ctx, state, value) => {
        const actor = actorOf(ctx);
        const saved = await this.intake.setField(state.draftId, state.field, value, actor);
        const settled = await settleDialog(ctx, saved);
        if ('go' in settled) return settled.go;
        await refreshDraftCard(ctx, settled.value);
        if (!state.thenCreate) {
          await ctx.reply(t.fieldSaved);
          return END;
        }
        const confirmed = await this.intake.confirm(state.draftId, actor);
        if (!confirmed.ok) {
          await ctx.reply(reasonText(confirmed));
          return END;
        }
        if (confirmed.value.kind === 'created')
          await ctx.reply(t.created(confirmed.value.order.id));
        await showConfirmResult(ctx, confirmed.value);
        return END;
      },
    }),
  };
}
