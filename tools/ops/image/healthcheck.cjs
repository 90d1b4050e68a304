// Docker HEALTHCHECK: GET /health/live on the port the app itself resolves (its zod schema's
// default unless the env overrides it), so the image needs no second copy of the port.
const app = process.env.PATHWISE_APP;
const key = `${app.toUpperCase().replace(/-/g, '_')}_HTTP_PORT`;
const config = require(`../../../dist/apps/${app}/src/config.js`);
const schema = Object.values(config).find((value) => value?.shape?.[key]);
const port = schema.shape[key].parse(process.env[key]);

fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(3_000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
