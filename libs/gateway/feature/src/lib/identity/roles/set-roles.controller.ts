import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, RequireRoles, USER_ROLES } from '@pathwise/platform/auth';
import { Endpoint, ProblemException } from '@pathwise/platform/http';
import { z } from 'zod';
import { toUserResponse, userResponse, type UserResponse } from '../me/user.response';
import { UserRepository } from '../user.repository';

// USER_ROLES, not ROLES: `service` is minted only by the saga-worker's issuer, never granted to an account.
const setRolesRequest = z.strictObject({ roles: z.array(z.enum(USER_ROLES)).min(1).max(USER_ROLES.length) });
const userParams = z.strictObject({ userId: z.uuid() });

@ApiTags('admin')
@Controller('v1/admin/users')
@Authenticated()
export class SetRolesController {
  constructor(private readonly users: UserRepository) {}

  /** PUT replaces the whole set, so a retry has the same effect (no idempotency key needed). */
  @Put(':userId/roles')
  @RequireRoles('admin')
  @Endpoint({ summary: 'Replace the roles of an account (admin)', params: userParams, body: setRolesRequest, responses: { 200: userResponse, 403: 'Not an admin', 404: 'No such account' } })
  async setRoles(@Param() params: z.infer<typeof userParams>, @Body() body: z.infer<typeof setRolesRequest>): Promise<UserResponse> {
    const user = await this.users.setRoles(params.userId, [...new Set(body.roles)]);
    if (!user) throw new ProblemException({ status: 404, detail: 'No such account' });
    return toUserResponse(user);
  }
}
