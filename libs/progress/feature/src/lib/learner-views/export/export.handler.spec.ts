import { toCsv, type ProgressExport } from './export.handler';

const skill = { roadmapId: 'roadmap:backend', roadmapVersion: 2, stageId: 'stage:fundamentals', skillId: 'skill:git', status: 'completed', counted: true, changedAt: '2025-03-01T09:00:00.000Z', knownSource: null, evidenceRef: null };

function exportOf(skills: ProgressExport['enrollments'][number]['skills']): ProgressExport {
  return {
    learnerId: 'l',
    exportedAt: '2025-03-02T00:00:00.000Z',
    enrollments: [{ roadmapId: 'roadmap:backend', roadmapTitle: 'Backend', roadmapVersion: 2, enrolledAt: '2025-03-01T00:00:00.000Z', completedAt: null, unenrolledAt: null, done: 1, total: 1, skills }],
  };
}

describe('toCsv', () => {
  it('when skills are exported, then there is a header and one CRLF row per skill with empty cells for nulls', () => {
    expect(toCsv(exportOf([skill]))).toBe(
      'roadmapId,roadmapVersion,stageId,skillId,status,counted,changedAt,knownSource,evidenceRef\r\nroadmap:backend,2,stage:fundamentals,skill:git,completed,true,2025-03-01T09:00:00.000Z,,\r\n',
    );
  });

  it('when a learner-supplied cell starts like a formula or holds quotes and commas, then it is neutralised and quoted', () => {
    const csv = toCsv(exportOf([{ ...skill, knownSource: 'learner-claim', evidenceRef: '=HYPERLINK("http://evil", "x")' }]));
    expect(csv.split('\r\n')[1]).toBe('roadmap:backend,2,stage:fundamentals,skill:git,completed,true,2025-03-01T09:00:00.000Z,learner-claim,"\'=HYPERLINK(""http://evil"", ""x"")"');
  });
});
