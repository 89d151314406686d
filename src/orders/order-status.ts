export const ORDER_STATUSES = [
  'NEW',
  'ASSIGNED',
  'ACCEPTED',
  'ONSITE',
  'DR',
  'CLOSED',
  'REFUSED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ACTIVE_STATUSES: readonly OrderStatus[] = [
  'NEW',
  'ASSIGNED',
  'ACCEPTED',
  'ONSITE',
  'DR',
];
