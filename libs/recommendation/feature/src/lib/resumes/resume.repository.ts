import { Injectable } from '@nestjs/common';
import type { ResumeAnalysisResult } from '@pathwise/recommendation/domain';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export type ResumeStatus = 'received' | 'analyzing' | 'analyzed' | 'failed';

export interface ResumeRow {
  upload_id: string;
  learner_id: string;
  content_type: string;
  size: number;
  keep_content: boolean;
  status: ResumeStatus;
  failure: { reason: string; detail: string } | null;
  received_at: Date;
}

export interface AnalysisRow {
  result: ResumeAnalysisResult;
  text: string | null;
  analyzed_at: Date;
}

const COLUMNS = 'upload_id, learner_id, content_type, size, keep_content, status, failure, received_at';

/** Uploads and analyses; raw SQL like the rest of this service. */
@Injectable()
export class ResumeRepository {
  /** Stores an upload, or finds the one this learner already sent with the same Idempotency-Key. */
  async create(manager: EntityManager, upload: { learnerId: string; idempotencyKey?: string; contentType: string; bytes: Buffer; keep: boolean }): Promise<ResumeRow> {
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const [created]: ResumeRow[] = await manager.query(
      `INSERT INTO resume_uploads (upload_id, learner_id, idempotency_key, content_type, size, sha256, content, keep_content, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received')
       ON CONFLICT (learner_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING ${COLUMNS}`,
      [randomUUID(), upload.learnerId, upload.idempotencyKey ?? null, upload.contentType, upload.bytes.length, sha256, upload.bytes, upload.keep],
    );
    if (created) return created;
    const [existing]: ResumeRow[] = await manager.query(`SELECT ${COLUMNS} FROM resume_uploads WHERE learner_id = $1 AND idempotency_key = $2`, [upload.learnerId, upload.idempotencyKey]);
    return existing as ResumeRow;
  }

  /** One upload; with `learnerId`, only if it is theirs (anyone else's is simply not found). */
  async find(manager: EntityManager, uploadId: string, learnerId?: string): Promise<ResumeRow | undefined> {
    const [row]: ResumeRow[] = await manager.query(`SELECT ${COLUMNS} FROM resume_uploads WHERE upload_id = $1 AND ($2::text IS NULL OR learner_id = $2)`, [uploadId, learnerId ?? null]);
    return row;
  }

  /** The upload with its bytes, locked for the analysing transaction, so two runs cannot analyse it at once. */
  async lockForAnalysis(manager: EntityManager, uploadId: string): Promise<(ResumeRow & { content: Buffer | null }) | undefined> {
    const [row]: (ResumeRow & { content: Buffer | null })[] = await manager.query(`SELECT ${COLUMNS}, content FROM resume_uploads WHERE upload_id = $1 FOR UPDATE`, [uploadId]);
    return row;
  }

  async analysis(manager: EntityManager, uploadId: string): Promise<AnalysisRow | undefined> {
    const [row]: AnalysisRow[] = await manager.query('SELECT result, text, analyzed_at FROM resume_analyses WHERE upload_id = $1', [uploadId]);
    return row;
  }

  async storeAnalysis(manager: EntityManager, upload: ResumeRow, result: ResumeAnalysisResult, text: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO resume_analyses (upload_id, learner_id, result, text, analyzed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (upload_id) DO UPDATE SET result = EXCLUDED.result, text = EXCLUDED.text, analyzed_at = EXCLUDED.analyzed_at`,
      [upload.upload_id, upload.learner_id, JSON.stringify(result), upload.keep_content ? text : null, at],
    );
    await manager.query(`UPDATE resume_uploads SET status = 'analyzed', failure = NULL WHERE upload_id = $1`, [upload.upload_id]);
  }

  async markFailed(manager: EntityManager, uploadId: string, failure: { reason: string; detail: string }): Promise<void> {
    await manager.query(`UPDATE resume_uploads SET status = 'failed', failure = $2 WHERE upload_id = $1`, [uploadId, JSON.stringify(failure)]);
  }

  /** Deletes an upload and its analysis (cascade) if it is the learner's; answers whether it was. */
  async delete(manager: EntityManager, uploadId: string, learnerId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'WITH deleted AS (DELETE FROM resume_uploads WHERE upload_id = $1 AND learner_id = $2 RETURNING 1) SELECT 1 FROM deleted',
      [uploadId, learnerId],
    );
    return rows.length > 0;
  }

  /** Drops the raw file once the analysis ended, unless the learner chose to keep it. Idempotent. */
  async discardContent(manager: EntityManager, uploadId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH discarded AS (
         UPDATE resume_uploads SET content = NULL, content_deleted_at = now()
          WHERE upload_id = $1 AND NOT keep_content AND content IS NOT NULL RETURNING 1)
       SELECT 1 FROM discarded`,
      [uploadId],
    );
    return rows.length > 0;
  }
}
