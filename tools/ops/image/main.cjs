// Container entry point: runs the app named by PATHWISE_APP (the image's APP build argument).
// PATHWISE_APP=migrate runs every service's migrations, then the catalog seed, like `npm run migrate`.
const app = process.env.PATHWISE_APP;
if (!app) throw new Error('PATHWISE_APP is not set (build the image with --build-arg APP=<app>)');

if (app === 'migrate') {
  import('../../migrate.mjs')
    .then(({ migrateAndSeed }) => migrateAndSeed())
    .catch((error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
} else {
  // Probes and Services reach the app from outside the container's loopback; the apps' own
  // default (127.0.0.1) stays right for `npm start`.
  process.env[`${app.toUpperCase().replace(/-/g, '_')}_HTTP_HOST`] ??= '0.0.0.0';
  require(`../../../dist/apps/${app}/src/main.js`);
}
