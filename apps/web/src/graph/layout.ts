import { Graph, layout } from '@dagrejs/dagre';
import type { Roadmap } from '../api/types';

export const NODE_WIDTH = 196;
export const NODE_HEIGHT = 74;
const STAGE_HEADER = 34;
const STAGE_GAP = 28;
const PADDING = 16;

export interface PlacedSkill {
  id: string;
  stageId: string;
  x: number;
  y: number;
}
export interface PlacedStage {
  id: string;
  title: string;
  /** 1 for the first stage. */
  number: number;
  y: number;
  height: number;
}
export interface PlacedEdge {
  from: string;
  to: string;
  /** SVG path data. */
  d: string;
}
export interface RoadmapLayout {
  width: number;
  height: number;
  stages: PlacedStage[];
  skills: Map<string, PlacedSkill>;
  edges: PlacedEdge[];
}

/**
 * Stages are bands from top to bottom in their order; inside a band dagre places the stage's
 * skills so that a prerequisite sits above what needs it. Every edge is one of the catalog's
 * prerequisite pairs, drawn from the prerequisite to the skill that requires it.
 */
export function layoutRoadmap(roadmap: Roadmap): RoadmapLayout {
  const stageOf = new Map<string, string>();
  for (const stage of roadmap.stages) for (const skill of stage.skills) stageOf.set(skill.id, stage.id);
  const stages: PlacedStage[] = [];
  const skills = new Map<string, PlacedSkill>();
  let top = 0;
  let width = 0;

  for (const stage of [...roadmap.stages].sort((a, b) => a.position - b.position)) {
    const graph = new Graph();
    graph.setGraph({ rankdir: 'TB', nodesep: 20, ranksep: 36, marginx: PADDING, marginy: 8 });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const skill of [...stage.skills].sort((a, b) => a.position - b.position)) graph.setNode(skill.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
    for (const edge of roadmap.prerequisites) {
      if (stageOf.get(edge.skillId) === stage.id && stageOf.get(edge.requiresSkillId) === stage.id) graph.setEdge(edge.requiresSkillId, edge.skillId);
    }
    layout(graph);
    const bandHeight = (graph.graph().height ?? NODE_HEIGHT) + STAGE_HEADER;
    for (const id of graph.nodes()) {
      const node = graph.node(id);
      skills.set(id, { id, stageId: stage.id, x: node.x, y: top + STAGE_HEADER + node.y });
    }
    width = Math.max(width, graph.graph().width ?? NODE_WIDTH);
    stages.push({ id: stage.id, title: stage.title, number: stages.length + 1, y: top, height: bandHeight });
    top += bandHeight + STAGE_GAP;
  }

  // Bands are centred on the widest one.
  for (const stage of stages) {
    const members = [...skills.values()].filter((skill) => skill.stageId === stage.id);
    const left = Math.min(...members.map((skill) => skill.x)) - NODE_WIDTH / 2 - PADDING;
    const right = Math.max(...members.map((skill) => skill.x)) + NODE_WIDTH / 2 + PADDING;
    const shift = (width - (right - left)) / 2 - left;
    for (const skill of members) skill.x += shift;
  }

  const edges: PlacedEdge[] = [];
  for (const { skillId, requiresSkillId } of roadmap.prerequisites) {
    const from = skills.get(requiresSkillId);
    const to = skills.get(skillId);
    if (!from || !to) continue;
    const x1 = from.x;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y - NODE_HEIGHT / 2;
    const bend = Math.max(24, (y2 - y1) / 2);
    edges.push({ from: requiresSkillId, to: skillId, d: `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}` });
  }
  return { width, height: Math.max(0, top - STAGE_GAP), stages, skills, edges };
}
