import { parseConfig } from '@pathwise/platform/config';
import { itHonoursTheServiceContract, startApp } from '@pathwise/platform/testing';
import { AppModule } from './app.module';
import { progressConfigSchema } from './config';

describe('progress service', () => {
  itHonoursTheServiceContract(() => startApp(AppModule.register(parseConfig(progressConfigSchema, { ...process.env, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn', PROGRESS_PROJECTOR_ENABLED: 'false' }))), [
    'database',
    'kafka',
  ]);
});
