/**
 * Inline-button data: `<area>:<action>[:<arg>…]`, at most 64 bytes (Telegram's limit). Each
 * kind of button is declared once as a `Button` (its prefix and typed fields): the keyboard
 * builds its data with `build`, the handler matches `pattern` and reads it back with `parse`.
 * The data is untrusted input: `parse` refuses what `build` never makes, and the domain
 * re-checks everything.
 */
import type { BotContext } from './bot-context';

const MAX_CALLBACK_BYTES = 64;

/** One `:`-separated argument of a button. */
export interface Field<T> {
  /** The argument's regex source, without capture groups. */
  readonly pattern: string;
  /** Only the last field may be optional: the data then ends before it. */
  readonly optional?: true;
  encode(value: T): string;
  decode(text: string): T | null;
}

/** Any field, whatever its value. */
interface SomeField {
  readonly pattern: string;
  readonly optional?: true;
  encode(value: never): string;
  decode(text: string): unknown;
}
type ValueOf<F> = F extends Field<infer T> ? T : never;
type Fields = Record<string, SomeField>;
/** A button's arguments: one property per field, optional fields optional. */
export type ArgsOf<F extends Fields> = {
  [K in keyof F as F[K]['optional'] extends true ? never : K]: ValueOf<F[K]>;
} & { [K in keyof F as F[K]['optional'] extends true ? K : never]?: ValueOf<F[K]> };

export interface Button<A> {
  /** What `@Action` matches: exactly the data `build` makes. */
  readonly pattern: RegExp;
  build(...args: keyof A extends never ? [] : [A]): string;
  /** The pressed button's arguments; null for data this button never builds. */
  parse(ctx: BotContext): A | null;
  decode(data: string | undefined): A | null;
}

/** A number from 1 up: an order, a master, a draft. */
export const id: Field<number> = {
  pattern: '\\d{1,10}',
  encode: String,
  decode: (text) => {
    const value = Number(text);
    return Number.isSafeInteger(value) && value >= 1 ? value : null;
  },
};

/** A number from 0 up: a version, a page. */
export const count: Field<number> = {
  pattern: '\\d{1,10}',
  encode: String,
  decode: (text) => (Number.isSafeInteger(Number(text)) ? Number(text) : null),
};

/** A page of a list (◀️/▶️). */
export const page: Field<number> = { ...count, pattern: '\\d{1,6}' };

/** A toggle's wanted state: `1` or `0`. */
export const flag: Field<boolean> = {
  pattern: '[01]',
  encode: (on) => (on ? '1' : '0'),
  decode: (text) => text === '1',
};

/** One of a few words, written as it is. */
export function oneOf<const T extends string>(values: readonly T[]): Field<T> {
  return {
    pattern: values.join('|'),
    encode: (value) => value,
    decode: (text) => (values.includes(text as T) ? (text as T) : null),
  };
}

/** One of a list, written as its index (keeps long names out of the 64 bytes). */
export function indexOf<T>(values: readonly T[]): Field<T> {
  return {
    pattern: '\\d{1,2}',
    encode: (value) => String(values.indexOf(value)),
    decode: (text) => values[Number(text)] ?? null,
  };
}

export function optional<T>(field: Field<T>): Field<T> & { optional: true } {
  return { ...field, optional: true };
}

/**
 * Declares a button: `prefix` is its fixed start (`am:card`), `fields` its arguments in the
 * order they are written.
 */
export function button<F extends Fields = Record<never, never>>(
  prefix: string,
  fields: F = {} as F,
): Button<ArgsOf<F>> {
  if (!/^[a-z]+(:[a-z]+)*$/.test(prefix)) throw new Error(`bad button prefix: ${prefix}`);
  const entries = Object.entries(fields) as [string, Field<unknown>][];
  const groups = entries.map(([, field]) =>
    field.optional ? `(?::(${field.pattern}))?` : `:(${field.pattern})`,
  );
  const pattern = new RegExp(`^${prefix}${groups.join('')}$`);
  const decode = (data: string | undefined): ArgsOf<F> | null => {
    const match = data && Buffer.byteLength(data) <= MAX_CALLBACK_BYTES && pattern.exec(data);
    if (!match) return null;
    const args: Record<string, unknown> = {};
    for (const [i, [name, field]] of entries.entries()) {
      if (match[i + 1] === undefined) continue;
      const value = field.decode(match[i + 1]);
      if (value === null) return null;
      args[name] = value;
    }
    return args as ArgsOf<F>;
  };
  return {
    pattern,
    build: (...[args]) => {
      const values = args as Record<string, unknown> | undefined;
      const written = entries
        .filter(([name]) => values?.[name] !== undefined)
        .map(([name, field]) => field.encode(values?.[name]));
      return checked([prefix, ...written].join(':'));
    },
    parse: (ctx) =>
      decode(ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined),
    decode,
  };
}

/** One `@Action` for several buttons: a dialog that reads them by its current step. */
export const patternOf = (...list: { pattern: RegExp }[]): RegExp =>
  new RegExp(list.map((b) => b.pattern.source).join('|'));

function checked(data: string): string {
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) {
    throw new Error(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  }
  return data;
}

/** Buttons on an order: the work-group card, the master's card, the staff order card. */
export const ORDER_BUTTONS = [
  // the master (or an admin on the master's behalf)
  'accept',
  'mcancel',
  'resched',
  'onsite',
  'complete',
  'dr',
  'crefused',
  'backonsite',
  // staff
  'card',
  'assign',
  'reassign',
  'unassign',
  'waiting',
  'edit',
  'cancel',
  'restore',
] as const;
export type OrderButton = (typeof ORDER_BUTTONS)[number];

/**
 * `o:<action>:<orderId>[:<version>]`, for the actions a handler takes. The version is the one
 * the card showed; a stale card gets "already changed".
 */
export const orderButton = <A extends OrderButton>(actions: readonly A[]) =>
  button('o', { action: oneOf(actions), orderId: id, version: optional(count) });

const anyOrderButton = orderButton(ORDER_BUTTONS);

/** Any order button, for the cards that show several. */
export const orderCallback = (action: OrderButton, orderId: number, version?: number): string =>
  anyOrderButton.build({ action, orderId, version });
export const parseOrderCallback = anyOrderButton.decode;
