import type { IntakeReason } from '../../intake/intake.service';
import { formatRubles } from '../../orders/money';
import type { OrderReason } from '../../orders/order-reasons';
import type { PeriodReason } from '../../reports/report-period';
import type { NoConsoleAccess } from '../../users/sign-in-links';
import type { UserReason } from '../../users/user-reasons';
import { arrivalTexts } from './arrival';
import { intakeTexts } from './intake';
import { moneyTexts } from './money';
import { orderFieldTexts } from './order-fields';
import { orderTexts } from './orders';
import { reportTexts } from './reports';
import { userTexts } from './users';
import { webTexts } from './web';

/** Every reason a use case or a parser may refuse with, as the bot, the console and the API word it. */
export type AnyReason = OrderReason | UserReason | IntakeReason | PeriodReason | NoConsoleAccess;

/**
 * The one Russian wording of every refusal: exhaustive, so a reason nobody words fails to
 * compile. The texts themselves stay in their catalogs; this table picks one and fills it in.
 */
export function reasonText(r: AnyReason): string {
  switch (r.reason) {
    case 'order_not_found':
      return orderTexts.notFound(r.orderId);
    case 'forbidden':
      return orderTexts.forbidden;
    case 'not_your_order':
      return orderTexts.notYourOrder;
    case 'wrong_status':
      return orderTexts.wrongStatus(r.status);
    case 'already_changed':
      return orderTexts.alreadyChanged(r.orderId);
    case 'master_not_available':
      return orderTexts.masterNotAvailable;
    case 'master_has_no_group':
      return orderTexts.masterHasNoGroup;
    case 'same_master':
      return orderTexts.sameMaster;
    case 'materials_over_total':
      return orderTexts.materialsOverTotal;
    case 'bad_amount':
      return orderTexts.badAmount;
    case 'reschedule_needs_time':
      return orderTexts.rescheduleNeedsTime;
    case 'dr_date_invalid':
      return orderTexts.drDateInvalid;
    case 'fields_invalid':
      return r.problems.map(reasonText).join('\n');

    case 'command_not_an_answer':
      return orderFieldTexts.commandIsNotAnAnswer;
    case 'unknown_equipment_type':
      return orderFieldTexts.equipmentType.unknown(r.types);
    case 'too_short':
      return orderFieldTexts[r.of].tooShort(r.min);
    case 'too_long':
      return orderFieldTexts[r.of].tooLong(r.length, r.max);
    case 'name_without_letter':
      return orderFieldTexts.clientName.noLetter;
    case 'address_without_house_number':
      return orderFieldTexts.clientAddress.noHouseNumber;
    case 'bad_client_phone':
      return orderFieldTexts.clientPhone.invalid;

    case 'ambiguous_number':
      return arrivalTexts.ambiguous;
    case 'past':
      return arrivalTexts.past;
    case 'too_far':
      return arrivalTexts.tooFar;
    case 'unrecognized_time':
      return arrivalTexts.unrecognized;

    case 'amount_empty':
      return moneyTexts.errors.empty;
    case 'amount_not_a_number':
      return moneyTexts.errors.notANumber;
    case 'amount_negative':
      return moneyTexts.errors.negative;
    case 'amount_too_many_decimals':
      return moneyTexts.errors.tooManyDecimals;
    case 'amount_too_large':
      return moneyTexts.errors.tooLarge(formatRubles(r.maxKopecks));

    case 'admins_only':
      return userTexts.onlyAdmins;
    case 'user_not_found':
      return userTexts.userNotFound(r.telegramId);
    case 'env_admin_keeps_admin':
      return userTexts.envAdminCannotLoseAdmin;
    case 'env_role_kept':
      return userTexts.envRoleCannotBeRemoved(r.role);
    case 'role_already_held':
      return userTexts.roleAlreadyHeld(r.role);
    case 'role_not_held':
      return userTexts.roleNotHeld(r.role);
    case 'master_role_needs_master':
      return userTexts.masterRoleNeedsMaster;
    case 'senior_needs_master':
      return userTexts.seniorNeedsMaster;
    case 'master_not_found':
      return userTexts.masterNotFound;
    case 'master_already_exists':
      return userTexts.masterAlreadyExists;
    case 'bad_phone':
      return userTexts.badPhone;
    case 'bad_specialization':
      return userTexts.badSpecialization;
    case 'fire_refused_active_orders':
      return userTexts.fireRefusedActiveOrders(r.activeOrders);
    case 'group_taken':
      return userTexts.groupTakenByAnother(r.masterName);
    case 'not_a_group':
      return userTexts.notAGroup;
    case 'no_console_access':
      return webTexts.bot.notStaff;

    case 'period_unreadable':
      return reportTexts.periodErrors.format;
    case 'period_date_missing':
      return reportTexts.periodErrors.invalidDate(r.typed);
    case 'period_reversed':
      return reportTexts.periodErrors.reversed;

    case 'intake_not_a_group':
      return intakeTexts.notAGroup;
    case 'intake_admins_only':
      return intakeTexts.onlyAdmins;
    case 'intake_staff_only':
      return intakeTexts.onlyStaff;
    case 'draft_gone':
      return intakeTexts.draftGone;
    case 'draft_already_decided':
      return intakeTexts.alreadyDecided;
    case 'draft_closed':
      return intakeTexts.closedDraft(r.status);
  }
}
