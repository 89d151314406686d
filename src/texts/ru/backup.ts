/** Messages to admins about backups (docs/product.md §9). Kept short: alerts are limited in length. */
const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`
    : `${Math.max(1, Math.round(bytes / 1024))} КБ`;

const secondsOf = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} с`;

/** An error message as admins read it: long stacks and SQL are cut. */
export const shortReason = (reason: string) =>
  reason.length > 300 ? `${reason.slice(0, 300)}…` : reason;

export const BACKUP_TEXTS = {
  done: (file: string, bytes: number, tookMs: number) =>
    `💾 Резервная копия создана: ${file} (${sizeOf(bytes)}, ${secondsOf(tookMs)}).`,
  failed: (reason: string) => `❌ Резервная копия НЕ создана: ${shortReason(reason)}`,
};
