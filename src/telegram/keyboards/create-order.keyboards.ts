import { Markup } from 'telegraf';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import { masterTexts } from '../../texts/ru/master';
import { buttons, FIXABLE_STEPS } from '../buttons';
import { dialogChoice } from '../replies';

const cancelRow = () => [Markup.button.callback(botTexts.buttons.cancel, dialogChoice('cancel'))];

/** Step 1 of «➕ Создать заявку»: a button per equipment type. */
export const equipmentTypeKeyboard = (types: readonly string[]) =>
  Markup.inlineKeyboard([
    ...types.map((type, i) => [
      Markup.button.callback(type, buttons.equipmentType.build({ index: i })),
    ]),
    cancelRow(),
  ]);

export const knownClientKeyboard = () =>
  Markup.inlineKeyboard([
    [
      Markup.button.callback(t.useClient, buttons.useKnownClient.build()),
      Markup.button.callback(t.keepTyped, buttons.keepTypedClient.build()),
    ],
  ]);

export const duplicateKeyboard = (orderId: number) =>
  Markup.inlineKeyboard([
    [Markup.button.callback(t.createAnyway, buttons.createDuplicate.build())],
    [
      Markup.button.callback(
        t.openOrder(orderId),
        buttons.orderCard.build({ action: 'card', orderId }),
      ),
    ],
    cancelRow(),
  ]);

/** Under the summary: «✅ Подтвердить», «✏️ Исправить поле», «❌ Отмена». */
export const summaryKeyboard = () =>
  Markup.inlineKeyboard([
    [Markup.button.callback(masterTexts.confirm, dialogChoice('confirm'))],
    [
      Markup.button.callback(t.fixField, buttons.fixField.build()),
      Markup.button.callback(botTexts.buttons.cancel, dialogChoice('cancel')),
    ],
  ]);

/** «✏️ Исправить поле»: a button per field, then «◀️ Назад» to the summary. */
export const fixFieldKeyboard = () =>
  Markup.inlineKeyboard([
    ...FIXABLE_STEPS.map((field) => [
      Markup.button.callback(t.fieldButtons[field], buttons.pickFixField.build({ step: field })),
    ]),
    [
      Markup.button.callback(
        botTexts.buttons.back,
        buttons.pickFixField.build({ step: 'confirm' }),
      ),
    ],
  ]);

/** Under «✅ Заявка #N создана»: assign a master, open the order. */
export const createdOrderKeyboard = (orderId: number, version: number) =>
  Markup.inlineKeyboard([
    [
      Markup.button.callback(
        t.assignMaster,
        buttons.assignPicker.build({ action: 'assign', orderId, version }),
      ),
    ],
    [Markup.button.callback(t.viewOrder, buttons.orderCard.build({ action: 'card', orderId }))],
  ]);
