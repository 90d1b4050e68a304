import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the learner web app's built files (apps/web, ADR 0080) from the gateway's own origin, so
 * the app needs no CORS and gets the gateway's security headers, Content-Security-Policy included.
 * Only the files present at start-up are routed (no wildcard): every other path keeps the API's
 * problem+json 404. Hashed assets are immutable; index.html is revalidated on every load so a
 * deploy is picked up at once.
 */
export async function serveWebApp(app: NestFastifyApplication, root: string): Promise<void> {
  const directory = webAppRoot(root);
  await app.register(fastifyStatic as never, {
    root: directory,
    prefix: '/',
    wildcard: false,
    // Swagger UI registered @fastify/static already; the reply decorators exist once.
    decorateReply: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (reply: FastifyReply, file: string) => {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** The build's folder, resolved; fails (before anything starts) when it holds no built app. */
export function webAppRoot(root: string): string {
  const directory = path.resolve(root);
  if (!existsSync(path.join(directory, 'index.html'))) {
    throw new Error(`GATEWAY_WEB_ROOT=${root} has no index.html: build the web app first (npm run web:build)`);
  }
  return directory;
}
