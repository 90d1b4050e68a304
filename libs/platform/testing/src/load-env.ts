// jest setupFiles: every test worker reads the same connection variables the apps read.
import { existsSync } from 'node:fs';
import { envFile } from './lib/repo-root';

if (existsSync(envFile)) process.loadEnvFile(envFile);
