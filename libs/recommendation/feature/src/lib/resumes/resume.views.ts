import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResumeNotFoundError } from './resume.errors';
import { ResumeRepository, type AnalysisRow, type ResumeRow } from './resume.repository';

/** The learner-facing side of resumes: upload, and read status and result. */
@Injectable()
export class ResumeViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resumes: ResumeRepository,
  ) {}

  async upload(upload: { learnerId: string; idempotencyKey?: string; contentType: string; bytes: Buffer; keep: boolean }) {
    return toResponse(await this.resumes.create(this.dataSource.manager, upload));
  }

  /** The learner's right to erase: the file, its text and the analysis go together. */
  async delete(uploadId: string, learnerId: string): Promise<void> {
    if (!(await this.resumes.delete(this.dataSource.manager, uploadId, learnerId))) throw new ResumeNotFoundError();
  }

  async get(uploadId: string, learnerId: string) {
    const row = await this.resumes.find(this.dataSource.manager, uploadId, learnerId);
    if (!row) throw new ResumeNotFoundError();
    return toResponse(row, await this.resumes.analysis(this.dataSource.manager, uploadId));
  }
}

function toResponse(row: ResumeRow, analysis?: AnalysisRow) {
  return {
    id: row.upload_id,
    status: row.status,
    contentType: row.content_type,
    size: row.size,
    receivedAt: row.received_at.toISOString(),
    keepContent: row.keep_content,
    failure: row.failure,
    analysis: analysis ? { ...analysis.result, analyzedAt: analysis.analyzed_at.toISOString(), text: analysis.text } : null,
  };
}
