import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export type Rotation = { outcome: 'rotated'; userId: string; familyId: string } | { outcome: 'reused' } | { outcome: 'invalid' };

const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(token: { value: string; userId: string; familyId: string; expiresAt: Date }): Promise<void> {
    await this.dataSource.query('INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, $4)', [
      digest(token.value),
      token.familyId,
      token.userId,
      token.expiresAt,
    ]);
  }

  /**
   * Marks the token used in one statement, so of two concurrent refreshes only one wins. A token
   * that exists but was already used is a replay (stolen or leaked): the whole family is revoked,
   * including the token that replaced it (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
   */
  async markUsed(value: string): Promise<Rotation> {
    const hash = digest(value);
    // TypeORM answers an UPDATE with [rows, affected count].
    const [used]: [{ user_id: string; family_id: string }[], number] = await this.dataSource.query(
      `UPDATE refresh_tokens SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       RETURNING user_id, family_id`,
      [hash],
    );
    const row = used[0];
    if (row) return { outcome: 'rotated', userId: row.user_id, familyId: row.family_id };

    const replayed: { family_id: string }[] = await this.dataSource.query('SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL', [hash]);
    const family = replayed[0];
    if (!family) return { outcome: 'invalid' };
    await this.revokeFamily(family.family_id);
    return { outcome: 'reused' };
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.dataSource.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
  }

  /** Logout: revokes the family of a token the user owns; anything else changes nothing. */
  async revokeFamilyOf(value: string, userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
       WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2)`,
      [digest(value), userId],
    );
  }
}
