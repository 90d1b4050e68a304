import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../../../..');
export const envFile = path.join(repoRoot, '.env');
