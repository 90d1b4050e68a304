import { Injectable } from '@nestjs/common';
import { ProblemException, problemType } from '@pathwise/platform/http';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from '../passwords';
import { UserRepository } from '../user.repository';
import { toUserResponse, type UserResponse } from '../me/user.response';
import type { SignUpRequest } from './sign-up.request';

@Injectable()
export class SignUpHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /** Every new account is a learner; editor and admin are granted by an admin only. */
  async execute(request: SignUpRequest): Promise<UserResponse> {
    const passwordHash = await this.passwords.hash(request.password);
    const user = await this.users.insertIfAbsent({ id: randomUUID(), email: request.email, passwordHash, roles: ['learner'] });
    if (!user) {
      throw new ProblemException({ type: problemType('account-exists'), status: 409, title: 'An account with this email already exists', detail: 'Log in instead.' });
    }
    return toUserResponse(user);
  }
}
