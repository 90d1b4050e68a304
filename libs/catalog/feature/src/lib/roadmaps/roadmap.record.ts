import type { RoadmapContent, RoadmapStatus } from '@pathwise/catalog/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The aggregate's row: identity, lifecycle, concurrency revision and the editable draft. Published versions live in their own tables. */
@Entity('roadmaps')
export class RoadmapRecord {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { unique: true })
  slug!: string;

  @Column('text')
  status!: RoadmapStatus;

  @Column('integer')
  version!: number;

  @Column('integer')
  revision!: number;

  @Column('jsonb', { nullable: true })
  draft!: RoadmapContent | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
