import { USER_ROLES, type Role, type UserRole } from '@pathwise/platform/auth';
import { z } from 'zod';
import type { UserRecord } from '../user.record';

/** What a user may see about an account: never the password hash. */
export const userResponse = z
  .object({ id: z.uuid(), email: z.string(), roles: z.array(z.enum(USER_ROLES)), createdAt: z.string() })
  .describe('An account');

export type UserResponse = z.infer<typeof userResponse>;

export function toUserResponse(user: UserRecord): UserResponse {
  return { id: user.id, email: user.email, roles: user.roles.filter(isUserRole), createdAt: new Date(user.createdAt).toISOString() };
}

// The users table's CHECK admits only these; the filter keeps the response type honest.
const isUserRole = (role: Role): role is UserRole => (USER_ROLES as readonly Role[]).includes(role);
