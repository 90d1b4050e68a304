import type { MarketSignals, SkillAlias } from '@pathwise/catalog/domain';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('skills')
export class SkillRecord {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { unique: true })
  slug!: string;

  @Column('text')
  name!: string;

  @Column('text')
  description!: string;

  @Column('jsonb', { nullable: true })
  signals!: MarketSignals | null;

  /** NULL only on rows older than aliases, until the seed loader fills them (see the migration). */
  @Column('jsonb', { nullable: true })
  aliases!: SkillAlias[] | null;

  @Column('integer')
  revision!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
