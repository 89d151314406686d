import { badRequest } from './api-error';
import { parseHtml, plainText, type FormattedText } from './html';
import type {
  BotCommand,
  BotCommandScope,
  InlineKeyboardButton,
  KeyboardButton,
  ReplyMarkup,
} from './types';

// Limits from https://core.telegram.org/bots/api. Lengths are counted in Unicode code points of
// the visible text (after HTML is parsed), as tdlib's utf8_length does.
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_BYTES = 64;
export const CALLBACK_ANSWER_LIMIT = 200;
const COMMANDS_LIMIT = 100;

const INLINE_ACTIONS = [
  'callback_data',
  'url',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];
const KEYBOARD_ACTIONS = [
  'request_users',
  'request_chat',
  'request_contact',
  'request_location',
  'request_poll',
  'web_app',
];
const REQUEST_CHAT_FLAGS = [
  'chat_is_forum',
  'chat_has_username',
  'chat_is_created',
  'bot_is_member',
  'request_title',
  'request_username',
  'request_photo',
];
const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);
const SCOPE_TYPES = new Set([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);

const codePoints = (text: string): number => [...text].length;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isArrayOfArrays = (value: unknown): value is unknown[][] =>
  Array.isArray(value) && value.every((row) => Array.isArray(row));

/** `HTML`, `MarkdownV2` and `Markdown` in any case, as the Bot API accepts them. */
export function normalizeParseMode(parseMode: string | undefined): string | undefined {
  if (!parseMode) return undefined;
  const known = ['HTML', 'MarkdownV2', 'Markdown'].find(
    (mode) => mode.toLowerCase() === parseMode.toLowerCase(),
  );
  if (!known) throw badRequest('unsupported parse_mode');
  return known;
}

// Markdown modes are not parsed (the bot uses HTML): their text is counted as sent.
function format(text: string, parseMode: string | undefined): FormattedText {
  return parseMode === 'HTML' ? parseHtml(text) : plainText(text);
}

export function formatMessageText(text: string | undefined, parseMode?: string): FormattedText {
  const formatted = format(text ?? '', parseMode);
  if (formatted.text === '') throw badRequest('message text is empty');
  if (codePoints(formatted.text) > TEXT_LIMIT) throw badRequest('message is too long');
  return formatted;
}

export function formatCaption(caption: string | undefined, parseMode?: string): FormattedText {
  const formatted = format(caption ?? '', parseMode);
  if (codePoints(formatted.text) > CAPTION_LIMIT) throw badRequest('message caption is too long');
  return formatted;
}

export function checkCallbackAnswerText(text: string | undefined): void {
  if (text !== undefined && codePoints(text) > CALLBACK_ANSWER_LIMIT) {
    throw badRequest('MESSAGE_TOO_LONG');
  }
}

export function checkChatAction(action: string | undefined): void {
  if (!action || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
}

/** Checks a decoded `reply_markup`; edits accept only inline keyboards. */
export function checkReplyMarkup(
  markup: unknown,
  { inlineOnly = false } = {},
): ReplyMarkup | undefined {
  if (markup === undefined || markup === null) return undefined;
  if (!isObject(markup)) throw badRequest('object expected as reply markup');
  if ('inline_keyboard' in markup) {
    checkInlineKeyboard(markup.inline_keyboard);
    return markup as ReplyMarkup;
  }
  if (inlineOnly) throw badRequest('inline keyboard expected');
  if ('keyboard' in markup) {
    checkReplyKeyboard(markup);
    return markup as ReplyMarkup;
  }
  if ('remove_keyboard' in markup || 'force_reply' in markup) return markup as ReplyMarkup;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

function checkInlineKeyboard(rows: unknown): asserts rows is InlineKeyboardButton[][] {
  if (!isArrayOfArrays(rows)) {
    throw badRequest(
      'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    );
  }
  const fail = (reason: string) => badRequest(`can't parse inline keyboard button: ${reason}`);
  for (const button of rows.flat()) {
    if (!isObject(button)) throw fail('InlineKeyboardButton must be an Object');
    checkButtonText(button, fail);
    // The Bot API treats an empty callback_data or url as absent.
    const actions = INLINE_ACTIONS.filter(
      (field) => button[field] !== undefined && button[field] !== '',
    );
    if (actions.length === 0) throw fail('Text buttons are unallowed in the inline keyboard');
    if (actions.length > 1) {
      // Telegram silently uses the first one; its documentation says "exactly one", and a
      // button with two meanings is a bug worth a failing test.
      throw fail(`exactly one of the optional fields must be used, found ${actions.join(', ')}`);
    }
    const data = button.callback_data;
    if (data !== undefined && data !== '') {
      if (typeof data !== 'string') throw fail('Field "callback_data" must be of type String');
      if (Buffer.byteLength(data) > CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID');
    }
    const url = button.url;
    if (url !== undefined && url !== '') {
      if (typeof url !== 'string' || !/^(https?|tg):\/\/\S+$/i.test(url)) {
        throw badRequest('BUTTON_URL_INVALID');
      }
    }
  }
}

function checkReplyKeyboard(markup: Record<string, unknown>): void {
  if (!isArrayOfArrays(markup.keyboard)) {
    throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
  }
  const fail = (reason: string) => badRequest(`can't parse keyboard button: ${reason}`);
  for (const button of markup.keyboard.flat()) {
    if (typeof button === 'string') {
      if (button === '') throw fail('Text must be non-empty');
      continue;
    }
    if (!isObject(button)) throw fail('KeyboardButton must be a String or an Object');
    checkButtonText(button, fail);
    const actions = KEYBOARD_ACTIONS.filter((field) => button[field] !== undefined);
    if (actions.length > 1) {
      throw fail(`at most one of the optional fields must be used, found ${actions.join(', ')}`);
    }
    if (button.request_chat !== undefined) checkRequestChat(button.request_chat, fail);
    if (button.request_users !== undefined) {
      if (!isObject(button.request_users)) throw fail('Field "request_users" must be an Object');
      checkRequestId(button.request_users, fail);
    }
  }
  const placeholder = markup.input_field_placeholder;
  if (
    placeholder !== undefined &&
    (typeof placeholder !== 'string' || codePoints(placeholder) > 64)
  ) {
    throw badRequest('input field placeholder is too long');
  }
}

function checkRequestChat(
  value: unknown,
  fail: (reason: string) => Error,
): asserts value is KeyboardButton['request_chat'] {
  if (!isObject(value)) throw fail('Field "request_chat" must be an Object');
  checkRequestId(value, fail);
  if (!('chat_is_channel' in value)) throw fail('Can\'t find field "chat_is_channel"');
  for (const flag of ['chat_is_channel', ...REQUEST_CHAT_FLAGS]) {
    if (value[flag] !== undefined && typeof value[flag] !== 'boolean') {
      throw fail(`Field "${flag}" must be of type Boolean`);
    }
  }
}

function checkRequestId(value: Record<string, unknown>, fail: (reason: string) => Error): void {
  if (!('request_id' in value)) throw fail('Can\'t find field "request_id"');
  const id = value.request_id;
  // request_id is a signed 32-bit integer in the Bot API.
  if (typeof id !== 'number' || !Number.isInteger(id) || Math.abs(id) > 2 ** 31 - 1) {
    throw fail('Field "request_id" must be of type Number');
  }
}

function checkButtonText(button: Record<string, unknown>, fail: (reason: string) => Error): void {
  if (!('text' in button)) throw fail('Can\'t find field "text"');
  if (typeof button.text !== 'string') throw fail('Field "text" must be of type String');
  if (button.text.trim() === '') throw fail('Text must be non-empty');
}

export function checkCommands(commands: unknown): BotCommand[] {
  if (!Array.isArray(commands)) throw badRequest('commands must be an Array');
  if (commands.length > COMMANDS_LIMIT) throw badRequest('too many commands specified');
  return commands.map((command: unknown) => {
    if (!isObject(command) || typeof command.command !== 'string') {
      throw badRequest('BOT_COMMAND_INVALID');
    }
    // Telegram strips a leading slash; the rest must be 1-32 of a-z, 0-9 and _.
    const name = command.command.replace(/^\//, '');
    if (!/^[a-z0-9_]{1,32}$/.test(name)) throw badRequest('BOT_COMMAND_INVALID');
    const description = command.description;
    if (
      typeof description !== 'string' ||
      description.trim() === '' ||
      codePoints(description) > 256
    ) {
      throw badRequest('command description must be 1-256 characters long');
    }
    return { command: name, description };
  });
}

export function checkScope(scope: unknown): BotCommandScope {
  if (scope === undefined) return { type: 'default' };
  if (!isObject(scope) || typeof scope.type !== 'string' || !SCOPE_TYPES.has(scope.type)) {
    throw badRequest('unsupported bot command scope type');
  }
  const needsChat = ['chat', 'chat_administrators', 'chat_member'].includes(scope.type);
  if (needsChat && scope.chat_id === undefined) throw badRequest('chat_id is empty');
  if (scope.type === 'chat_member' && typeof scope.user_id !== 'number') {
    throw badRequest('user not found');
  }
  return scope as unknown as BotCommandScope;
}

export function checkLanguageCode(code: string | undefined): string {
  if (code === undefined || code === '') return '';
  if (!/^[a-z]{2}$/.test(code)) throw badRequest('invalid language code specified');
  return code;
}
