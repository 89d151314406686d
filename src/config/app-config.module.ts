import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { BusinessConfig, loadBusinessConfig } from './business-config';
import { ConfigurationError } from './config-problems';
import { Environment, parseEnvironment } from './environment';

function validateEnvironment(raw: Record<string, unknown>): Environment {
  const { env, problems } = parseEnvironment(raw as Record<string, string | undefined>);
  if (!env) throw new ConfigurationError(problems.join('\n'));
  return env;
}

/**
 * Typed configuration for every module: `ConfigService<Environment, true>` for the environment
 * (`.env` is loaded by `instrument.ts` before anything else) and `BusinessConfig` for the rules.
 * `forRoot()` reads the environment when it is called, not when this file is imported.
 */
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          cache: true,
          validate: validateEnvironment,
        }),
      ],
      providers: [
        {
          provide: BusinessConfig,
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => {
            const override = config.get('BUSINESS_CONFIG_OVERRIDE', { infer: true });
            const { config: business, problems } = loadBusinessConfig(override);
            if (!business) throw new ConfigurationError(problems.join('\n'));
            return business;
          },
        },
      ],
      exports: [BusinessConfig],
    };
  }
}
