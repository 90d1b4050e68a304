import { Injectable } from '@nestjs/common';
import { ResumeAnalyzed } from '@pathwise/contracts';
import { Outbox } from '@pathwise/platform/messaging';
import { extractSkills, normalizeResumeText } from '@pathwise/recommendation/domain';
import { DataSource } from 'typeorm';
import { ResumeParser, ResumeUnreadableError } from './parsing';
import { ResumeCatalogRepository } from './resume-catalog.repository';
import { ResumeNotFoundError } from './resume.errors';
import { ResumeRepository } from './resume.repository';

export interface AnalysisSummary {
  uploadId: string;
  status: 'analyzed';
  skills: number;
}

/**
 * Parse → extract → map to this service's catalog → store the analysis → ResumeAnalyzed in the
 * outbox, in one transaction that holds the upload's row lock, so two runs of the workflow's
 * step cannot analyse one upload twice and a crash leaves nothing half-written. An unreadable file
 * is recorded as failed (after the rollback) and rethrown: a business "no", never retried.
 */
@Injectable()
export class AnalyzeResumeHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resumes: ResumeRepository,
    private readonly catalog: ResumeCatalogRepository,
    private readonly parser: ResumeParser,
    private readonly outbox: Outbox,
  ) {}

  async execute(uploadId: string, now = new Date()): Promise<AnalysisSummary> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const upload = await this.resumes.lockForAnalysis(manager, uploadId);
        if (!upload) throw new ResumeNotFoundError();
        const done = await this.resumes.analysis(manager, uploadId);
        if (done && upload.status === 'analyzed') return { uploadId, status: 'analyzed' as const, skills: done.result.skills.length };
        if (!upload.content) throw new ResumeUnreadableError('content-deleted', 'The file was deleted before it could be analysed; upload it again');

        const { text } = await this.parser.parse(upload.content, upload.content_type);
        const result = extractSkills(text, await this.catalog.current(manager), { asOf: now.toISOString().slice(0, 10) });
        // Kept (when the learner opts in) as the normalised text the evidence offsets point into.
        await this.resumes.storeAnalysis(manager, upload, result, normalizeResumeText(text), now);
        await this.outbox.append(manager, ResumeAnalyzed, {
          subject: uploadId,
          aggregateVersion: 1,
          time: now,
          data: {
            uploadId,
            learnerId: upload.learner_id,
            analyzedAt: now.toISOString(),
            extractorVersion: result.extractorVersion,
            catalogVersion: result.catalogVersion,
            skills: result.skills.map(({ skillId, status, confidence }) => ({ skillId, status, confidence })),
          },
        });
        return { uploadId, status: 'analyzed' as const, skills: result.skills.length };
      });
    } catch (error) {
      if (error instanceof ResumeUnreadableError) await this.resumes.markFailed(this.dataSource.manager, uploadId, { reason: String(error.details['reason']), detail: error.message });
      throw error;
    }
  }
}
