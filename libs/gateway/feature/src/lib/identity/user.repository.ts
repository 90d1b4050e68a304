import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@pathwise/platform/auth';
import { DataSource } from 'typeorm';
import { UserRecord } from './user.record';

const RETURNING_USER = 'RETURNING id, email, password_hash AS "passwordHash", roles, created_at AS "createdAt"';

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the user unless the email is taken; the unique constraint decides races. */
  async insertIfAbsent(user: { id: string; email: string; passwordHash: string; roles: Role[] }): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.dataSource.query(
      `INSERT INTO users (id, email, password_hash, roles) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING
       RETURNING id, email, password_hash AS "passwordHash", roles, created_at AS "createdAt"`,
      [user.id, user.email, user.passwordHash, user.roles],
    );
    return rows[0] ?? null;
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.dataSource.getRepository(UserRecord).findOneBy({ email });
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.dataSource.getRepository(UserRecord).findOneBy({ id });
  }

  /** Compare-and-set, so a concurrent password change is never overwritten by a re-hash. */
  async replacePasswordHash(id: string, previous: string, next: string): Promise<void> {
    await this.dataSource.query('UPDATE users SET password_hash = $3, updated_at = now() WHERE id = $1 AND password_hash = $2', [id, previous, next]);
  }

  async setRoles(id: string, roles: Role[]): Promise<UserRecord | null> {
    return this.updateOne(`UPDATE users SET roles = $2, updated_at = now() WHERE id = $1 ${RETURNING_USER}`, [id, roles]);
  }

  /**
   * Adds or removes one role in one statement, so a concurrent change is never lost. Answers the
   * changed user, or null when nothing changed: no such user, the role already so, or a revoke
   * that would leave no role (the admin API refuses an empty set too).
   */
  changeRole(id: string, role: Role, change: 'grant' | 'revoke'): Promise<UserRecord | null> {
    return change === 'grant'
      ? this.updateOne(`UPDATE users SET roles = array_append(roles, $2), updated_at = now() WHERE id = $1 AND NOT $2 = ANY (roles) ${RETURNING_USER}`, [id, role])
      : this.updateOne(
          `UPDATE users SET roles = array_remove(roles, $2), updated_at = now() WHERE id = $1 AND $2 = ANY (roles) AND cardinality(roles) > 1 ${RETURNING_USER}`,
          [id, role],
        );
  }

  private async updateOne(sql: string, parameters: unknown[]): Promise<UserRecord | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [UserRecord[], number] = await this.dataSource.query(sql, parameters);
    return rows[0] ?? null;
  }
}

