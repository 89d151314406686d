/**
 * Inline-button data: `<area>:<action>:<id>[:<version>]`, at most 64 bytes (Telegram's limit).
 * It is untrusted input: handlers parse it here and the domain re-checks everything.
 */

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

export interface OrderCallback {
  action: OrderButton;
  orderId: number;
  /** The order version the card showed; a stale card gets "already changed". */
  version?: number;
}

const MAX_CALLBACK_BYTES = 64;
const ORDER_PATTERN = /^o:([a-z]+):(\d{1,10})(?::(\d{1,10}))?$/;

export function orderCallback(action: OrderButton, orderId: number, version?: number): string {
  return checked(['o', action, orderId, ...(version === undefined ? [] : [version])].join(':'));
}

export function parseOrderCallback(data: string | undefined): OrderCallback | null {
  const match = data ? ORDER_PATTERN.exec(data) : null;
  if (!match || !(ORDER_BUTTONS as readonly string[]).includes(match[1])) return null;
  const orderId = Number(match[2]);
  const version = match[3] === undefined ? undefined : Number(match[3]);
  if (!Number.isSafeInteger(orderId) || orderId < 1) return null;
  return {
    action: match[1] as OrderButton,
    orderId,
    ...(version === undefined ? {} : { version }),
  };
}

/** Any other button: `<area>:<action>[:<arg>…]`, e.g. `m:pick:12:5` (assign master 12 to order 5). */
export function callback(area: string, action: string, ...args: (string | number)[]): string {
  return checked([area, action, ...args].join(':'));
}

export function parseCallback(
  data: string | undefined,
): { area: string; action: string; args: string[] } | null {
  if (!data || Buffer.byteLength(data) > MAX_CALLBACK_BYTES) return null;
  const [area, action, ...args] = data.split(':');
  return area && action ? { area, action, args } : null;
}

function checked(data: string): string {
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) {
    throw new Error(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  }
  return data;
}
