import type { Role } from '@pathwise/platform/auth';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
