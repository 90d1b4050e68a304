import { Injectable } from '@nestjs/common';
import { recommendNext, type SkillStatus } from '@pathwise/recommendation/domain';
import { DataSource } from 'typeorm';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { RoadmapNotFoundError } from '../recommendation.errors';
import { ResumeNotFoundError } from './resume.errors';
import { ResumeRepository } from './resume.repository';

/**
 * "Map my resume": per stage of one roadmap, the skills the analysis shows (claimed, with evidence)
 * and those it does not; then the gaps in learning order. Claims are not progress: the order is
 * worked out as if claimed skills were known, but nothing is marked known until the learner
 * confirms it.
 */
@Injectable()
export class ResumeOnRoadmapQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resumes: ResumeRepository,
    private readonly readModel: ReadModelRepository,
  ) {}

  async execute(uploadId: string, learnerId: string, roadmapIdOrSlug: string) {
    const manager = this.dataSource.manager;
    const upload = await this.resumes.find(manager, uploadId, learnerId);
    const analysis = upload && (await this.resumes.analysis(manager, uploadId));
    if (!analysis) throw new ResumeNotFoundError();
    const roadmap = await this.readModel.currentRoadmap(manager, roadmapIdOrSlug);
    if (!roadmap) throw new RoadmapNotFoundError(roadmapIdOrSlug);
    const [graph, learner] = await Promise.all([this.readModel.graph(manager, roadmap), this.readModel.learnerSkills(manager, learnerId)]);

    const claimed = new Map(analysis.result.skills.filter((skill) => skill.status === 'claimed').map((skill) => [skill.skillId, skill]));
    const names = new Map(graph.skills.map((skill) => [skill.skillId, skill.name]));
    const stages = [...graph.stages]
      .sort((a, b) => a.position - b.position)
      .map((stage) => {
        const skills = [...stage.skills].sort((a, b) => a.position - b.position);
        return {
          stageId: stage.stageId,
          title: stage.title,
          shown: skills.flatMap(({ skillId }) => {
            const finding = claimed.get(skillId);
            return finding ? [{ skillId, name: names.get(skillId) ?? skillId, confidence: finding.confidence, evidence: finding.evidence }] : [];
          }),
          notShown: skills.filter(({ skillId }) => !claimed.has(skillId)).map(({ skillId }) => ({ skillId, name: names.get(skillId) ?? skillId })),
        };
      });

    // Learning order of the gaps: take the recommender's first ready skill, pretend it done, repeat.
    const simulated = new Map<string, SkillStatus>(learner);
    for (const skillId of claimed.keys()) if (!simulated.has(skillId) || simulated.get(skillId) === 'pending') simulated.set(skillId, 'known');
    const gapsInOrder: { skillId: string; name: string }[] = [];
    for (;;) {
      const [next] = recommendNext(graph, simulated, { limit: 1 }).ready;
      if (!next) break;
      gapsInOrder.push({ skillId: next.skillId, name: next.name });
      simulated.set(next.skillId, 'completed');
    }
    return { resumeId: uploadId, roadmapId: graph.roadmapId, title: graph.title, version: graph.version, stages, gapsInOrder };
  }
}
