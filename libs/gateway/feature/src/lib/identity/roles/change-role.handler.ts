import { Injectable } from '@nestjs/common';
import type { Role } from '@pathwise/platform/auth';
import { toUserResponse, type UserResponse } from '../me/user.response';
import { UserRepository } from '../user.repository';

export type RoleChangeOutcome =
  | { outcome: 'changed' | 'unchanged'; user: UserResponse }
  | { outcome: 'unknown-email' }
  /** Revoking the only role: refused, as the admin API refuses an empty role set. */
  | { outcome: 'last-role'; user: UserResponse };

/**
 * Grants or revokes one role of the account with this email (the operators' command). Roles reach
 * the user's next access token, as after `PUT /v1/admin/users/{userId}/roles`: refresh and login
 * read them again, and sessions are left running.
 */
@Injectable()
export class ChangeRoleHandler {
  constructor(private readonly users: UserRepository) {}

  /** `email` is already lower-cased (emailField), as stored. */
  async execute(email: string, role: Role, change: 'grant' | 'revoke'): Promise<RoleChangeOutcome> {
    const user = await this.users.findByEmail(email);
    if (!user) return { outcome: 'unknown-email' };
    const changed = await this.users.changeRole(user.id, role, change);
    if (changed) return { outcome: 'changed', user: toUserResponse(changed) };
    // Nothing changed: read the account again to tell why.
    const current = (await this.users.findById(user.id)) ?? user;
    const lastRole = change === 'revoke' && current.roles.includes(role);
    return { outcome: lastRole ? 'last-role' : 'unchanged', user: toUserResponse(current) };
  }
}
