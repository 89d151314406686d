// Test-only: `CRASH_AT=<point>` kills the process the moment it reaches that point, as a power
// cut would, so the crash spec can stop it exactly before or after a write. Read once, here.
const CRASH_AT = process.env.CRASH_AT;

export function crashPoint(name: string): void {
  if (CRASH_AT && CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
