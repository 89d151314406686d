import type { Role } from './role';

/** Only admins manage people, groups and integrations. */
export type AdminsOnly = { reason: 'admins_only' };

/** Why a people or masters use case refuses (docs/product.md §1, §5), with what the wording needs. */
export type UserReason =
  | AdminsOnly
  | { reason: 'user_not_found'; telegramId: number }
  | { reason: 'env_admin_keeps_admin' }
  | { reason: 'env_role_kept'; role: Role }
  | { reason: 'role_already_held'; role: Role }
  | { reason: 'role_not_held'; role: Role }
  | { reason: 'master_role_needs_master' }
  | { reason: 'senior_needs_master' }
  | { reason: 'master_not_found' }
  | { reason: 'master_already_exists' }
  | { reason: 'bad_phone' }
  | { reason: 'bad_specialization' }
  | { reason: 'fire_refused_active_orders'; activeOrders: number }
  | { reason: 'group_taken'; masterName: string }
  | { reason: 'not_a_group' };
