import { Markup } from 'telegraf';
import { DRAFT_FIELDS, DraftField } from '../../intake/intake.service';
import { botTexts } from '../../texts/ru/bot';
import { intakeTexts as t } from '../../texts/ru/intake';
import { callback, orderCallback, parseCallback } from '../callback-data';

/**
 * The chat picker's `request_id` for an intake group. The work-group picker uses the master's
 * id; masters are numbered from 1, far below this.
 */
export const INTAKE_GROUP_REQUEST_ID = 2_000_000_000;

/**
 * Draft card buttons: `in:ok:<draftId>`, `in:fix:<draftId>` (the field picker),
 * `in:no:<draftId>`, `in:f:<draftId>:<field index>`, `in:back:<draftId>`.
 */
export const intakeCallback = {
  create: (draftId: number) => callback('in', 'ok', draftId),
  fix: (draftId: number) => callback('in', 'fix', draftId),
  reject: (draftId: number) => callback('in', 'no', draftId),
  field: (draftId: number, field: DraftField) =>
    callback('in', 'f', draftId, DRAFT_FIELDS.indexOf(field)),
  back: (draftId: number) => callback('in', 'back', draftId),
};

/** The draft and, for `in:f`, the field a pressed button names; null when it is not one. */
export function parseIntakeCallback(
  data: string | undefined,
): { action: string; draftId: number; field?: DraftField } | null {
  const parsed = parseCallback(data);
  if (parsed?.area !== 'in' || !/^\d{1,10}$/.test(parsed.args[0] ?? '')) return null;
  const draftId = Number(parsed.args[0]);
  if (parsed.action !== 'f') return { action: parsed.action, draftId };
  const field = DRAFT_FIELDS[Number(parsed.args[1])];
  return /^\d$/.test(parsed.args[1] ?? '') && field ? { action: 'f', draftId, field } : null;
}

export function draftCardKeyboard(draftId: number, duplicateOrderId: number | null) {
  const rows = [
    [Markup.button.callback(t.buttons.create, intakeCallback.create(draftId))],
    [
      Markup.button.callback(t.buttons.fix, intakeCallback.fix(draftId)),
      Markup.button.callback(t.buttons.reject, intakeCallback.reject(draftId)),
    ],
  ];
  if (duplicateOrderId !== null) {
    rows.push([
      Markup.button.callback(
        t.buttons.openDuplicate(duplicateOrderId),
        orderCallback('card', duplicateOrderId),
      ),
    ]);
  }
  return Markup.inlineKeyboard(rows);
}

export function draftFieldsKeyboard(draftId: number) {
  const buttons = DRAFT_FIELDS.map((field) =>
    Markup.button.callback(t.fieldLabel(field), intakeCallback.field(draftId, field)),
  );
  const rows = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  rows.push([Markup.button.callback(t.buttons.back, intakeCallback.back(draftId))]);
  return Markup.inlineKeyboard(rows);
}

export const intakeGroupPickerKeyboard = () =>
  Markup.keyboard([
    [Markup.button.groupRequest(t.pickGroup, INTAKE_GROUP_REQUEST_ID)],
    [botTexts.buttons.back],
  ])
    .resize()
    .oneTime();
