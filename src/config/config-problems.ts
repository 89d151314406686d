import { loadBusinessConfig } from './business-config';
import { parseEnvironment } from './environment';

/** Everything wrong with the configuration, as one message; `undefined` when all is well. */
export function describeConfigProblems(
  raw: Record<string, string | undefined>,
): string | undefined {
  const env = parseEnvironment(raw);
  const business = loadBusinessConfig(raw.BUSINESS_CONFIG_OVERRIDE || undefined);
  const problems = [...env.problems, ...business.problems];
  if (!problems.length) return undefined;
  return [
    `The service cannot start: ${problems.length} configuration problem(s).`,
    ...problems.map((problem) => `  - ${problem}`),
    'Set these in the environment or in .env (see .env.example), then start again.',
  ].join('\n');
}

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}
