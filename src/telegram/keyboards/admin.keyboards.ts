import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { OrderStatus } from '../../orders/order-status';
import { adminCommandTexts, mastersAdminTexts, masterMenuTexts } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import { buttons, MasterAction } from '../buttons';
import { withPager } from '../pagination/pager';

const b = mastersAdminTexts.buttons;

/** A page of «👥 Мастера» for admins: its masters two a row, ◀️/▶️, «➕ Добавить мастера». */
export function mastersListKeyboard(
  masters: { masterId: number; name: string; isActive: boolean; hasWorkGroup: boolean }[],
  page: { page: number; pageCount: number },
) {
  const cards = masters.map((m) =>
    Markup.button.callback(
      mastersAdminTexts.listButton(m),
      buttons.masterCard.build({ masterId: m.masterId }),
    ),
  );
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < cards.length; i += 2) rows.push(cards.slice(i, i + 2));
  return Markup.inlineKeyboard([
    ...withPager(rows, page, (p) => buttons.mastersPage.build({ page: p })),
    [Markup.button.callback(b.addMaster, buttons.addMaster.build())],
  ]);
}

/** A setting the card shows as one button: the label of what pressing it does, and that. */
const toggleButton = (
  setting: 'senior' | 'active',
  masterId: number,
  isOn: boolean,
  turnOff: string,
  turnOn: string,
) =>
  Markup.button.callback(
    isOn ? turnOff : turnOn,
    buttons.masterToggle.build({ setting, masterId, on: !isOn }),
  );

export function masterCardKeyboard(master: {
  masterId: number;
  isSenior: boolean;
  isActive: boolean;
}) {
  const id = master.masterId;
  return Markup.inlineKeyboard([
    [Markup.button.callback(b.setGroup, buttons.masterGroup.build({ masterId: id }))],
    [
      Markup.button.callback(
        b.editSpecialization,
        buttons.masterDialog.build({ dialog: 'spec', masterId: id }),
      ),
    ],
    [toggleButton('senior', id, master.isSenior, b.removeSenior, b.makeSenior)],
    [
      toggleButton('active', id, master.isActive, b.deactivate, b.activate),
      Markup.button.callback(b.stats, buttons.masterStats.build({ masterId: id })),
    ],
    [Markup.button.callback(b.fire, buttons.masterDialog.build({ dialog: 'fire', masterId: id }))],
    [Markup.button.callback(b.toList, buttons.mastersList.build())],
  ]);
}

export const openMasterCardKeyboard = (masterId: number) =>
  Markup.inlineKeyboard([
    [Markup.button.callback(b.openCard, buttons.masterCard.build({ masterId }))],
  ]);

/**
 * Telegram's chat picker (KeyboardButtonRequestChat, groups only). The request id is the
 * master's id, so the `chat_shared` answer says which master the group is for.
 */
export const groupPickerKeyboard = (masterId: number) =>
  Markup.keyboard([[Markup.button.groupRequest(b.pickGroup, masterId)], [botTexts.buttons.back]])
    .resize()
    .oneTime();

export const deleteConfirmKeyboard = (orderId: number, version: number) =>
  Markup.inlineKeyboard([
    [
      Markup.button.callback(
        adminCommandTexts.deleteButton,
        buttons.confirmDelete.build({ orderId, version }),
      ),
      Markup.button.callback(adminCommandTexts.keepButton, buttons.keepOrder.build()),
    ],
  ]);

/** A page of «📋 Мои заявки»: a button per order on it, then ◀️/▶️. */
export function myOrdersKeyboard(
  orders: { id: number; equipmentType: string }[],
  page: { page: number; pageCount: number },
) {
  const rows = orders.map((order) => [
    Markup.button.callback(
      masterMenuTexts.orderButton(order),
      buttons.myOrderCard.build({ orderId: order.id }),
    ),
  ]);
  return Markup.inlineKeyboard(
    withPager(rows, page, (p) => buttons.myOrdersPage.build({ page: p })),
  );
}

/** The master's card in a private chat: the same actions as the work-group card (docs/product.md §4.1). */
export function masterOrderCardKeyboard(order: {
  id: number;
  status: OrderStatus;
  version: number;
}) {
  const t = masterMenuTexts.cardButtons;
  const button = (text: string, action: MasterAction) =>
    Markup.button.callback(
      text,
      buttons.masterAction.build({ action, orderId: order.id, version: order.version }),
    );
  const rows: InlineKeyboardButton[][] = [];
  switch (order.status) {
    case 'ASSIGNED':
      rows.push(
        [button(t.accept, 'accept')],
        [button(t.mcancel, 'mcancel'), button(t.resched, 'resched')],
      );
      break;
    case 'ACCEPTED':
      rows.push(
        [button(t.onsite, 'onsite')],
        [button(t.resched, 'resched'), button(t.mcancel, 'mcancel')],
      );
      break;
    case 'ONSITE':
      rows.push(
        [button(t.complete, 'complete')],
        [button(t.dr, 'dr'), button(t.crefused, 'crefused')],
      );
      break;
    case 'DR':
      rows.push([button(t.completeRepair, 'complete')], [button(t.backonsite, 'backonsite')]);
      break;
    default:
      break;
  }
  rows.push([Markup.button.callback(masterMenuTexts.toMyOrders, buttons.myOrders.build())]);
  return Markup.inlineKeyboard(rows);
}
