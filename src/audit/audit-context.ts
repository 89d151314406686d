import { AsyncLocalStorage } from 'node:async_hooks';

/** How a change came in, when not through Telegram: `{ apiKey: 'crm' }` for the REST API. */
export type AuditVia = Record<string, string>;

const storage = new AsyncLocalStorage<AuditVia>();

/**
 * Lets an adapter label every audit row written while it serves one request, without each use
 * case passing the label along: the REST API runs a request inside `auditVia({ apiKey })`.
 */
export const auditVia = <T>(via: AuditVia, work: () => T): T => storage.run(via, work);

export const currentAuditVia = (): AuditVia | undefined => storage.getStore();
