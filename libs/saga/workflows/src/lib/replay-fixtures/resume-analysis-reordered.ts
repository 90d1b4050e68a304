import type { ResumeAnalysisActivities, ResumeAnalysisInput, ResumeAnalysisResult } from '@pathwise/contracts';
import { proxyActivities } from '@temporalio/workflow';

// A deliberately incompatible change (discard before analyze, no patched()): the replay spec
// proves it catches this, so a green replay run means something.
const { analyzeResume, discardResumeContent } = proxyActivities<ResumeAnalysisActivities>({ startToCloseTimeout: '1 minute' });

export async function resumeAnalysis(input: ResumeAnalysisInput): Promise<ResumeAnalysisResult> {
  await discardResumeContent({ uploadId: input.uploadId });
  const { skills } = await analyzeResume({ uploadId: input.uploadId, idempotencyKey: 'reordered' });
  return { status: 'analyzed', skills };
}
