import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { OrderStatus } from '../../orders/order-status';
import { adminCommandTexts, mastersAdminTexts, masterMenuTexts } from '../../texts/ru/admin';
import { botTexts } from '../../texts/ru/bot';
import { callback, orderCallback, OrderButton, parseCallback } from '../callback-data';
import { withPager } from '../pagination/pager';

const b = mastersAdminTexts.buttons;

/**
 * Buttons of «👥 Мастера» for admins: `am:<action>[:<masterId>[:<1|0>]]`, and `am:p:<page>`
 * (◀️/▶️, for dispatchers too). A toggle carries the state it asks for, so pressing a stale
 * card twice does not flip the master back.
 */
export const mastersCallback = {
  list: () => callback('am', 'list'),
  page: (page: number) => callback('am', 'p', page),
  add: () => callback('am', 'add'),
  card: (masterId: number) => callback('am', 'card', masterId),
  group: (masterId: number) => callback('am', 'group', masterId),
  specialization: (masterId: number) => callback('am', 'spec', masterId),
  senior: (masterId: number, on: boolean) => callback('am', 'senior', masterId, on ? 1 : 0),
  active: (masterId: number, on: boolean) => callback('am', 'active', masterId, on ? 1 : 0),
  stats: (masterId: number) => callback('am', 'stats', masterId),
  fire: (masterId: number) => callback('am', 'fire', masterId),
};

/**
 * The master's own screens: `mo:list`, `mo:p:<page>` (◀️/▶️), `mo:card:<orderId>`
 * (`o:card` is the staff card).
 */
export const myOrdersCallback = {
  list: () => callback('mo', 'list'),
  page: (page: number) => callback('mo', 'p', page),
  card: (orderId: number) => callback('mo', 'card', orderId),
};

/** `/admin delete` confirmation: `ad:del:<orderId>:<version>` or `ad:keep`. */
export const deleteCallback = {
  confirm: (orderId: number, version: number) => callback('ad', 'del', orderId, version),
  keep: () => callback('ad', 'keep'),
};

/** Pages of the admin's lists: `ad:users:<page>` («👤 Пользователи»), `ad:outbox:<page>`. */
export const adminListCallback = {
  users: (page: number) => callback('ad', 'users', page),
  outbox: (page: number) => callback('ad', 'outbox', page),
};

/** The numbers after `<area>:<action>` of a pressed button; untrusted, the domain re-checks. */
export function callbackNumbers(data: string | undefined): number[] {
  const parsed = parseCallback(data);
  return (parsed?.args ?? []).map((arg) => (/^\d{1,10}$/.test(arg) ? Number(arg) : NaN));
}

/** A page of «👥 Мастера» for admins: its masters two a row, ◀️/▶️, «➕ Добавить мастера». */
export function mastersListKeyboard(
  masters: { masterId: number; name: string; isActive: boolean; hasWorkGroup: boolean }[],
  page: { page: number; pageCount: number },
) {
  const buttons = masters.map((m) =>
    Markup.button.callback(mastersAdminTexts.listButton(m), mastersCallback.card(m.masterId)),
  );
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return Markup.inlineKeyboard([
    ...withPager(rows, page, mastersCallback.page),
    [Markup.button.callback(b.addMaster, mastersCallback.add())],
  ]);
}

export function masterCardKeyboard(master: {
  masterId: number;
  isSenior: boolean;
  isActive: boolean;
}) {
  const id = master.masterId;
  return Markup.inlineKeyboard([
    [Markup.button.callback(b.setGroup, mastersCallback.group(id))],
    [Markup.button.callback(b.editSpecialization, mastersCallback.specialization(id))],
    [
      master.isSenior
        ? Markup.button.callback(b.removeSenior, mastersCallback.senior(id, false))
        : Markup.button.callback(b.makeSenior, mastersCallback.senior(id, true)),
    ],
    [
      master.isActive
        ? Markup.button.callback(b.deactivate, mastersCallback.active(id, false))
        : Markup.button.callback(b.activate, mastersCallback.active(id, true)),
      Markup.button.callback(b.stats, mastersCallback.stats(id)),
    ],
    [Markup.button.callback(b.fire, mastersCallback.fire(id))],
    [Markup.button.callback(b.toList, mastersCallback.list())],
  ]);
}

export const openMasterCardKeyboard = (masterId: number) =>
  Markup.inlineKeyboard([[Markup.button.callback(b.openCard, mastersCallback.card(masterId))]]);

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
        deleteCallback.confirm(orderId, version),
      ),
      Markup.button.callback(adminCommandTexts.keepButton, deleteCallback.keep()),
    ],
  ]);

/** A page of «📋 Мои заявки»: a button per order on it, then ◀️/▶️. */
export function myOrdersKeyboard(
  orders: { id: number; equipmentType: string }[],
  page: { page: number; pageCount: number },
) {
  const rows = orders.map((order) => [
    Markup.button.callback(masterMenuTexts.orderButton(order), myOrdersCallback.card(order.id)),
  ]);
  return Markup.inlineKeyboard(withPager(rows, page, myOrdersCallback.page));
}

/** The master's card in a private chat: the same actions as the work-group card (docs/product.md §4.1). */
export function masterOrderCardKeyboard(order: {
  id: number;
  status: OrderStatus;
  version: number;
}) {
  const t = masterMenuTexts.cardButtons;
  const button = (text: string, action: OrderButton) =>
    Markup.button.callback(text, orderCallback(action, order.id, order.version));
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
  rows.push([Markup.button.callback(masterMenuTexts.toMyOrders, myOrdersCallback.list())]);
  return Markup.inlineKeyboard(rows);
}
