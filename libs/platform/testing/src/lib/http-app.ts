import type { INestApplication } from '@nestjs/common';
import { createHttpApp } from '@pathwise/platform/http';

export interface RunningApp {
  baseUrl: string;
  app: INestApplication;
  close(): Promise<void>;
}

/**
 * Boots an app module exactly as its main.ts does (createHttpApp) on an ephemeral loopback port,
 * so e2e tests exercise real HTTP, real filters and real dependencies.
 */
export async function startApp(module: Parameters<typeof createHttpApp>[0], options: { connect?: (app: INestApplication) => void } = {}): Promise<RunningApp> {
  const app = await createHttpApp(module);
  // The same wiring main.ts does (e.g. connecting inbox consumers), then the microservices start.
  if (options.connect) {
    options.connect(app);
    await app.startAllMicroservices();
  }
  return serveOnEphemeralPort(app);
}

/** Listens on a free loopback port; for apps an app's own factory built (e.g. with extra edge setup). */
export async function serveOnEphemeralPort(app: INestApplication): Promise<RunningApp> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

/** Loopback addresses where nothing listens: a dependency that is down. */
export const UNREACHABLE = { redisUrl: 'redis://127.0.0.1:1', temporalAddress: '127.0.0.1:1' };
