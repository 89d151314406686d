import { Markup } from 'telegraf';
import { DRAFT_FIELDS } from '../../intake/intake.service';
import { botTexts } from '../../texts/ru/bot';
import { intakeTexts as t } from '../../texts/ru/intake';
import { buttons } from '../buttons';

/**
 * The chat picker's `request_id` for an intake group. The work-group picker uses the master's
 * id; masters are numbered from 1, far below this.
 */
export const INTAKE_GROUP_REQUEST_ID = 2_000_000_000;

export function draftCardKeyboard(draftId: number, duplicateOrderId: number | null) {
  const rows = [
    [Markup.button.callback(t.buttons.create, buttons.createFromDraft.build({ draftId }))],
    [
      Markup.button.callback(
        t.buttons.fix,
        buttons.draftFieldPicker.build({ show: 'fix', draftId }),
      ),
      Markup.button.callback(t.buttons.reject, buttons.rejectDraft.build({ draftId })),
    ],
  ];
  if (duplicateOrderId !== null) {
    rows.push([
      Markup.button.callback(
        t.buttons.openDuplicate(duplicateOrderId),
        buttons.orderCard.build({ action: 'card', orderId: duplicateOrderId }),
      ),
    ]);
  }
  return Markup.inlineKeyboard(rows);
}

export function draftFieldsKeyboard(draftId: number) {
  const fields = DRAFT_FIELDS.map((field) =>
    Markup.button.callback(t.fieldLabel(field), buttons.fixDraftField.build({ draftId, field })),
  );
  const rows = [];
  for (let i = 0; i < fields.length; i += 2) rows.push(fields.slice(i, i + 2));
  rows.push([
    Markup.button.callback(
      t.buttons.back,
      buttons.draftFieldPicker.build({ show: 'back', draftId }),
    ),
  ]);
  return Markup.inlineKeyboard(rows);
}

export const intakeGroupPickerKeyboard = () =>
  Markup.keyboard([
    [Markup.button.groupRequest(t.pickGroup, INTAKE_GROUP_REQUEST_ID)],
    [botTexts.buttons.back],
  ])
    .resize()
    .oneTime();
