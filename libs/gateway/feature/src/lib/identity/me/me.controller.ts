import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint, ProblemException } from '@pathwise/platform/http';
import { UserRepository } from '../user.repository';
import { toUserResponse, userResponse, type UserResponse } from './user.response';

@ApiTags('identity')
@Controller('v1/me')
@Authenticated()
export class MeController {
  constructor(private readonly users: UserRepository) {}

  @Get()
  @Endpoint({ summary: 'The account of the caller', responses: { 200: userResponse, 401: 'No valid access token' } })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    const user = await this.users.findById(principal.subject);
    if (!user) throw new ProblemException({ status: 404, detail: 'The account no longer exists' });
    return toUserResponse(user);
  }
}
