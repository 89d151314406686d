// After each spec file of the `chaos` project: what its chaos fakes found when they stopped.
import { chaosViolations } from './fake-bot-api/chaos';

// Every call may take a few retries of 1–3 s.
jest.setTimeout(180_000);

afterAll(() => {
  const found = chaosViolations.splice(0);
  if (found.length) throw new Error(`Under chaos the bot broke a rule:\n  ${found.join('\n  ')}`);
});
