import { ConfigModule } from '@nestjs/config';
import { readAppConfig, type AppConfig } from './app-config.js';

/**
 * The shop's settings through `@nestjs/config`: the environment plus a `.env` file if there is one
 * (the environment wins), validated by {@link readAppConfig} before the application is built, so a
 * bad variable stops the start with its name.
 */
export async function loadAppConfig(): Promise<AppConfig> {
  let config: AppConfig | undefined;
  await ConfigModule.forRoot({
    validate: (env) => {
      config = readAppConfig(env as Record<string, string | undefined>);
      return env;
    },
  });
  return config!;
}
