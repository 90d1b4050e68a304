import { parseConfig } from '@pathwise/platform/config';
import { itHonoursTheServiceContract, startApp } from '@pathwise/platform/testing';
import { AppModule } from './app.module';
import { progressConfigSchema } from './config';

describe('progress service', () => {
  itHonoursTheServiceContract(() => startApp(AppModule.register(parseConfig(progressConfigSchema))), ['database', 'kafka']);
});
