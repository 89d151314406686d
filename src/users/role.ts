export const ROLES = ['ADMIN', 'DISPATCHER', 'MASTER', 'SENIOR_MASTER'] as const;
export type Role = (typeof ROLES)[number];

/** `env`: listed in ADMIN_IDS/DISPATCHER_IDS; `admin`: granted through the bot. */
export type RoleSource = 'env' | 'admin';
