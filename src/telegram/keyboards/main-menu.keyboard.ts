import { Markup } from 'telegraf';
import { botTexts } from '../../texts/ru/bot';
import type { Role } from '../../users/role';

const b = botTexts.buttons;

/** The reply keyboard: the union of what the user's roles allow (docs/product.md §1, §3, §4, §5). */
export function mainMenu(roles: ReadonlySet<Role>) {
  const staff = roles.has('ADMIN') || roles.has('DISPATCHER');
  const master = roles.has('MASTER');
  const rows: string[][] = [];
  if (staff) {
    rows.push([b.allOrders, b.createOrder], [b.search], [b.masters, b.reports]);
    if (roles.has('ADMIN')) rows.push([b.users, b.intakeGroups]);
  }
  if (master) rows.push([b.myOrders, b.myStats]);
  if (staff || master) rows.push([b.settings]);
  else rows.push([b.info, b.contact]);
  return Markup.keyboard(rows).resize();
}
