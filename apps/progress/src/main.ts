import 'reflect-metadata';
import { parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { progressConfigSchema } from './config';
import { createProgressApp } from './progress-app';

runMain(async () => {
  const config = parseConfig(progressConfigSchema);
  const app = await createProgressApp(config);
  await app.listen({ host: config.PROGRESS_HTTP_HOST, port: config.PROGRESS_HTTP_PORT });
});
