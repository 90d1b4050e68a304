import { parseConfig } from '@pathwise/platform/config';
import { itHonoursTheServiceContract, startApp } from '@pathwise/platform/testing';
import { AppModule } from './app.module';
import { sagaWorkerConfigSchema } from './config';

describe('saga-worker service', () => {
  itHonoursTheServiceContract(() => startApp(AppModule.register(parseConfig(sagaWorkerConfigSchema))), ['temporal', 'temporal-worker']);
});
