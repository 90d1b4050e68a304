import 'reflect-metadata';
import { ChangeRoleHandler, emailField, UserRecord, UserRepository } from '@pathwise/gateway/feature';
import { USER_ROLES } from '@pathwise/platform/auth';
import { parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { DataSource } from 'typeorm';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { gatewayConfigSchema } from './config';

// `npm run users:grant -- --email <e> --role admin [--revoke]`, or `node dist/apps/gateway/src/grant-role.js …`
// as a Kubernetes Job: only the gateway's database is needed. One JSON line on stdout whatever the outcome.
const USAGE = `usage: users:grant --email <email> --role <${USER_ROLES.join('|')}> [--revoke]`;

/** 0: done (or already so); 1: failure (config, database); 2: no such account; 3: refused; 64: bad arguments (EX_USAGE). */
const GRANT_EXIT = { unknownEmail: 2, refused: 3, usage: 64 } as const;

const argumentsSchema = z.strictObject({ email: emailField, role: z.enum(USER_ROLES), revoke: z.boolean().default(false) });

function readArguments(): z.infer<typeof argumentsSchema> | undefined {
  try {
    const { values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, revoke: { type: 'boolean' } }, strict: true });
    const parsed = argumentsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    process.stderr.write(`${parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${USAGE}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  }
  return undefined;
}

runMain(async () => {
  const args = readArguments();
  if (!args) {
    process.exitCode = GRANT_EXIT.usage;
    return;
  }
  const config = parseConfig(gatewayConfigSchema.pick({ GATEWAY_DATABASE_URL: true }));
  const dataSource = new DataSource({ type: 'postgres', url: config.GATEWAY_DATABASE_URL, applicationName: 'gateway-grant-role', entities: [UserRecord], extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const change = args.revoke ? 'revoke' : 'grant';
    const result = await new ChangeRoleHandler(new UserRepository(dataSource)).execute(args.email, args.role, change);
    const user = 'user' in result ? { userId: result.user.id, roles: result.user.roles } : {};
    process.stdout.write(`${JSON.stringify({ command: 'users:grant', change, email: args.email, role: args.role, outcome: result.outcome, ...user })}\n`);
    if (result.outcome === 'unknown-email') {
      process.stderr.write(`No account with the email ${args.email}: the person signs up first (POST /v1/auth/sign-up), then run this again.\n`);
      process.exitCode = GRANT_EXIT.unknownEmail;
    } else if (result.outcome === 'last-role') {
      process.stderr.write(`Refused: ${args.role} is the only role of ${args.email}; an account keeps at least one role.\n`);
      process.exitCode = GRANT_EXIT.refused;
    }
  } finally {
    await dataSource.destroy();
  }
});
