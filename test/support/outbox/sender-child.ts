import { join } from 'node:path';
import { ServiceProcess, startTypeScriptProcess } from '../service-process';

export type SenderChild = ServiceProcess;

/** Starts `sender-process.ts` as its own process with only `env` (and PATH) set. */
export function spawnSender(env: Record<string, string>, cwd: string): SenderChild {
  return startTypeScriptProcess(join(__dirname, 'sender-process.ts'), env, cwd);
}
