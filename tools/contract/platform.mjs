// The platform as built processes for the contract test (the system tests' startPlatform from
// dist/, with the saga-worker, so onboarding answers as it does in production), with quotas high enough that the fuzzer is not throttled, plus a learner and an editor
// (the editor's role set directly in the gateway's own schema, as the system tests do) and tokens
// for calling the services directly. Writes { url, learner, editor, services } to the file named by the first argument once everything answers,
// then runs until SIGTERM or SIGINT, when it stops what it started.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireBuilt, root } from '../built.mjs';

const [outFile] = process.argv.slice(2);
if (!outFile) throw new Error('usage: node tools/contract/platform.mjs <ready-file>');
// Values already in the environment win (loadEnvFile does not override them).
process.loadEnvFile(path.join(root, '.env'));

const { startPlatform } = requireBuilt('apps/system-e2e/src/testing', { quiet: true });
const { AccessTokenIssuer, signingKeyFromSeed } = requireBuilt('libs/gateway/feature/src/index', { quiet: true });
const { ServiceTokenIssuer } = requireBuilt('libs/platform/auth/src/index', { quiet: true });
// The callers run side by side from one address: the per-IP quotas must not throttle them either.
const platform = await startPlatform({ principalPerMinute: 1_000_000, anonymousPerMinute: 1_000_000, sagaWorker: true });
let closing;
const close = () => (closing ??= platform.close().then(() => process.exit(0), (error) => (console.error(error), process.exit(1))));
process.on('SIGTERM', close);
process.on('SIGINT', close);

try {
  const [url] = platform.gateways;
  const password = `contract-${randomUUID()}`;
  const post = (route, body) => fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  async function account(roles) {
    const email = `contract-${randomUUID()}@example.test`;
    const created = await post('/v1/auth/sign-up', { email, password });
    if (created.status !== 201) throw new Error(`sign-up answered ${created.status}: ${await created.text()}`);
    if (roles) await platform.gatewayDb.query(`UPDATE ${platform.gatewaySchema}.users SET roles = $1 WHERE email = $2`, [roles, email]);
    const login = await post('/v1/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
    return (await login.json()).accessToken;
  }
  const [learner, editor] = [await account(), await account(['learner', 'editor'])];

  // The services' own callers, with tokens minted as they are in production (ADR 0050), for as
  // long as a run may last: the gateway's token for a learner or an editor, with the service's
  // audience, signed with the gateway's key (GATEWAY_SIGNING_KEYS); and the saga-worker's service
  // token, signed with SAGA_SIGNING_KEY, whose JWKS the running saga-worker publishes.
  const ttlSeconds = 900;
  const gatewayIssuer = new AccessTokenIssuer(process.env.AUTH_ISSUER ?? 'pathwise:gateway', process.env.GATEWAY_SIGNING_KEYS.split(',').map((seed) => signingKeyFromSeed(seed.trim())));
  const userToken = async (roles, audience) => (await gatewayIssuer.issue({ subject: randomUUID(), roles, audience, ttlSeconds })).token;
  const sagaWorker = new ServiceTokenIssuer({ issuer: process.env.AUTH_SERVICE_ISSUER ?? 'pathwise:saga-worker', subject: 'saga-worker', seeds: process.env.SAGA_SIGNING_KEY.split(','), ttlSeconds });
  const services = {
    catalog: { url: platform.catalogUrl, user: await userToken(['learner', 'editor'], 'pathwise:catalog') },
    progress: { url: platform.progressUrl, user: await userToken(['learner'], 'pathwise:progress'), service: await sagaWorker.forAudience('pathwise:progress') },
    recommendation: { url: platform.recommendationUrl, user: await userToken(['learner'], 'pathwise:recommendation'), service: await sagaWorker.forAudience('pathwise:recommendation') },
  };
  writeFileSync(outFile, JSON.stringify({ url, learner, editor, services, roadmap: platform.roadmap }));
  console.log(`contract: platform ready at ${url}`);
} catch (error) {
  console.error(error);
  close();
}
