// `node tools/built-run.mjs apps/progress/src/rebuild-projections [args…]`: compiles the workspace, loads
// .env and runs one compiled command (operators' one-off jobs).
import path from 'node:path';
import { requireBuilt, root } from './built.mjs';

const [command] = process.argv.slice(2);
if (!command) {
  console.error('usage: node tools/built-run.mjs <path under dist without .js>');
  process.exit(2);
}
process.loadEnvFile(path.join(root, '.env'));
// The command sees the arguments after its path, as when run as `node dist/<command>.js …`.
process.argv.splice(1, 2, path.join(root, 'dist', `${command}.js`));
requireBuilt(command);
