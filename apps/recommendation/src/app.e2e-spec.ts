import { parseConfig } from '@pathwise/platform/config';
import { itHonoursTheServiceContract, startApp } from '@pathwise/platform/testing';
import { AppModule } from './app.module';
import { recommendationConfigSchema } from './config';

describe('recommendation service', () => {
  itHonoursTheServiceContract(() => startApp(AppModule.register(parseConfig(recommendationConfigSchema))), ['database', 'kafka']);
});
