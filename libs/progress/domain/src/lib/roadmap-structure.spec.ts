import { errorThrownBy } from '../testing';
import { RoadmapStructure, type RoadmapStructureData } from './roadmap-structure';

describe('RoadmapStructure', () => {
  it('when stages list their skills, then skills keep learning order and each knows its stage', () => {
    const structure = RoadmapStructure.of({
      stages: [
        { stageId: 'internet', skillIds: ['how-the-internet-works', 'http'] },
        { stageId: 'languages', skillIds: ['javascript'] },
        { stageId: 'later', skillIds: [] },
      ],
    });

    expect(structure.skillIds).toEqual(['how-the-internet-works', 'http', 'javascript']);
    expect([structure.stageOf('http'), structure.stageOf('javascript'), structure.stageOf('cobol')]).toEqual(['internet', 'languages', undefined]);
    expect([structure.contains('http'), structure.contains('cobol')]).toEqual([true, false]);
  });

  it('when the input is changed after creation, then the structure and its data copies are unaffected', () => {
    const input = { stages: [{ stageId: 'internet', skillIds: ['http'] }] };
    const structure = RoadmapStructure.of(input);

    input.stages[0].skillIds.push('dns');
    (structure.toData().stages[0].skillIds as string[]).push('tls');

    expect(structure.toData()).toEqual({ stages: [{ stageId: 'internet', skillIds: ['http'] }] });
    expect(structure.contains('dns')).toBe(false);
  });

  it.each<[string, unknown]>([
    ['stages is not a list', { stages: 'internet' }],
    ['there are no skills at all', { stages: [{ stageId: 'internet', skillIds: [] }] }],
    ['a stage id is blank', { stages: [{ stageId: ' ', skillIds: ['http'] }] }],
    ['a stage id repeats', { stages: [{ stageId: 'a', skillIds: ['http'] }, { stageId: 'a', skillIds: ['dns'] }] }],
    ['skill ids are not a list', { stages: [{ stageId: 'a', skillIds: 'http' }] }],
    ['a skill id is blank', { stages: [{ stageId: 'a', skillIds: [''] }] }],
    ['a skill appears in two stages', { stages: [{ stageId: 'a', skillIds: ['http'] }, { stageId: 'b', skillIds: ['http'] }] }],
  ])('when %s, then it fails with INVALID_ROADMAP_STRUCTURE', (_reason, data) => {
    expect(errorThrownBy(() => RoadmapStructure.of(data as RoadmapStructureData))).toMatchObject({
      code: 'PROGRESS.INVALID_ROADMAP_STRUCTURE',
      kind: 'invalid',
    });
  });
});
