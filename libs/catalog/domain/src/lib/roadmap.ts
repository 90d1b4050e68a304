import {
  DraftUnchanged,
  DuplicateResource,
  DuplicateSkillInRoadmap,
  DuplicateStage,
  EmptyStages,
  InvalidField,
  InvalidOrder,
  PrerequisiteCycle,
  PrerequisiteOutsideRoadmap,
  ResourceNotFound,
  RoadmapHasNoStages,
  RoadmapIsRetired,
  RoadmapNotDraft,
  RoadmapNotPublished,
  SelfPrerequisite,
  SkillNotInRoadmap,
  StageNotFound,
  StaleRevision,
} from './catalog.errors';
import { requireOneOf, requireText } from './fields';
import { parseSkillId, parseSlug, roadmapIdFor, type RoadmapId, type SkillId } from './ids';
import { findCycle, type PrerequisiteEdge } from './prerequisite-graph';
import { createResource, parseResourceUrl, type Resource } from './resource';
import type { RoadmapEvent, RoadmapSnapshot } from './roadmap.events';

export const ROADMAP_KINDS = ['role', 'skill'] as const;
export type RoadmapKind = (typeof ROADMAP_KINDS)[number];

export const SKILL_PRIORITIES = ['essential', 'recommended', 'optional'] as const;
export type SkillPriority = (typeof SKILL_PRIORITIES)[number];

export type RoadmapStatus = 'draft' | 'published' | 'retired';

/** A skill placed in a stage. Priority and resources belong to the placement, not to the skill. */
export interface RoadmapSkill {
  readonly skillId: SkillId;
  readonly priority: SkillPriority;
  readonly resources: readonly Resource[];
}

export interface Stage {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly skills: readonly RoadmapSkill[];
}

export interface RoadmapDetails {
  readonly title: string;
  readonly summary: string;
  readonly kind: RoadmapKind;
  /** Core stack and topics, shown on the roadmap's card. */
  readonly tags: readonly string[];
}

export interface RoadmapContent extends RoadmapDetails {
  readonly stages: readonly Stage[];
  /** Kept sorted (by `from`, then `to`), so equal sets of edges compare equal. */
  readonly prerequisites: readonly PrerequisiteEdge<SkillId>[];
}

export interface RoadmapState {
  readonly id: RoadmapId;
  readonly slug: string;
  readonly status: RoadmapStatus;
  /** Number of the live published version; 0 until the first publish. */
  readonly version: number;
  /** Bumped by every change; editors send the revision they last saw. */
  readonly revision: number;
  readonly published?: RoadmapContent;
  readonly publishedAt?: string;
  readonly draft?: RoadmapContent;
}

const MAX_TAGS = 20;

/**
 * Lifecycle: a roadmap starts as a draft, and publishing it makes version 1. A published version
 * never changes: the first edit after publishing opens a draft copied from it, and publishing
 * that draft makes version N+1 while learners keep seeing N until then. Retiring is final.
 *
 * A draft may be incomplete (no stages yet, empty stages, prerequisites on skills not placed
 * yet) but never contradictory (a skill twice, a prerequisite cycle): edits reject
 * contradictions at once, and `publish` demands completeness.
 */
export class Roadmap {
  #state: RoadmapState;
  #events: RoadmapEvent[] = [];

  private constructor(state: RoadmapState) {
    this.#state = state;
  }

  static create(input: { slug: string } & RoadmapDetails): Roadmap {
    const slug = parseSlug(input.slug);
    const draft = { ...validDetails(input), stages: [], prerequisites: [] };
    return new Roadmap({ id: roadmapIdFor(slug), slug, status: 'draft', version: 0, revision: 1, draft });
  }

  static restore(state: RoadmapState): Roadmap {
    return new Roadmap(state);
  }

  get id(): RoadmapId {
    return this.#state.id;
  }

  get slug(): string {
    return this.#state.slug;
  }

  get status(): RoadmapStatus {
    return this.#state.status;
  }

  get version(): number {
    return this.#state.version;
  }

  get revision(): number {
    return this.#state.revision;
  }

  /** The live version learners see, if any. */
  get published(): RoadmapContent | undefined {
    return this.#state.published;
  }

  /** The unpublished changes editors are working on, if any. */
  get draft(): RoadmapContent | undefined {
    return this.#state.draft;
  }

  updateDetails(changes: Partial<RoadmapDetails>, expectedRevision: number): void {
    this.#edit(expectedRevision, (content) => ({
      ...content,
      ...validDetails({
        title: changes.title ?? content.title,
        summary: changes.summary ?? content.summary,
        kind: changes.kind ?? content.kind,
        tags: changes.tags ?? content.tags,
      }),
    }));
  }

  /** Appends a stage; `id` is chosen by the caller (a slug or a UUID) so retries do not create twins. */
  addStage(stage: { id: string; title: string; summary?: string }, expectedRevision: number): void {
    const id = parseSlug(stage.id, 'stageId');
    const fields = validStageFields(stage.title, stage.summary ?? '');
    this.#edit(expectedRevision, (content) => {
      if (content.stages.some((existing) => existing.id === id)) throw new DuplicateStage(id);
      return { ...content, stages: [...content.stages, { id, ...fields, skills: [] }] };
    });
  }

  updateStage(stageId: string, changes: { title?: string; summary?: string }, expectedRevision: number): void {
    this.#edit(expectedRevision, (content) =>
      withStage(content, stageId, (stage) => ({ ...stage, ...validStageFields(changes.title ?? stage.title, changes.summary ?? stage.summary) })),
    );
  }

  /** Removes the stage with its skills, their resources and the prerequisites that touch them. */
  removeStage(stageId: string, expectedRevision: number): void {
    this.#edit(expectedRevision, (content) => {
      const removed = requireStage(content, stageId).skills.map((skill) => skill.skillId);
      return withoutPrerequisitesOf({ ...content, stages: content.stages.filter((stage) => stage.id !== stageId) }, removed);
    });
  }

  reorderStages(stageIds: readonly string[], expectedRevision: number): void {
    this.#edit(expectedRevision, (content) => ({ ...content, stages: reordered(content.stages, stageIds, (stage) => stage.id) }));
  }

  addSkill(stageId: string, skill: { skillId: SkillId; priority: SkillPriority }, expectedRevision: number): void {
    const skillId = parseSkillId(skill.skillId);
    const priority = requireOneOf('priority', skill.priority, SKILL_PRIORITIES);
    this.#edit(expectedRevision, (content) => {
      const placedIn = stageOf(content, skillId);
      if (placedIn) throw new DuplicateSkillInRoadmap(skillId, placedIn.id);
      return withStage(content, stageId, (stage) => ({ ...stage, skills: [...stage.skills, { skillId, priority, resources: [] }] }));
    });
  }

  setSkillPriority(skillId: SkillId, priority: SkillPriority, expectedRevision: number): void {
    const valid = requireOneOf('priority', priority, SKILL_PRIORITIES);
    this.#edit(expectedRevision, (content) => withSkill(content, skillId, (skill) => ({ ...skill, priority: valid })));
  }

  /** Removes the skill from its stage, with its resources and the prerequisites that touch it. */
  removeSkill(skillId: SkillId, expectedRevision: number): void {
    this.#edit(expectedRevision, (content) => {
      const stage = stageOf(content, skillId);
      if (!stage) throw new SkillNotInRoadmap(skillId);
      const remaining = withStage(content, stage.id, (s) => ({ ...s, skills: s.skills.filter((skill) => skill.skillId !== skillId) }));
      return withoutPrerequisitesOf(remaining, [skillId]);
    });
  }

  reorderSkills(stageId: string, skillIds: readonly SkillId[], expectedRevision: number): void {
    this.#edit(expectedRevision, (content) =>
      withStage(content, stageId, (stage) => ({ ...stage, skills: reordered(stage.skills, skillIds, (skill) => skill.skillId) })),
    );
  }

  /**
   * Replaces everything `skillId` requires. Either side may be a skill not placed yet (checked at
   * publish); a self-loop or a cycle is refused now, because adding skills can never fix it.
   */
  setPrerequisites(skillId: SkillId, requires: readonly SkillId[], expectedRevision: number): void {
    const from = parseSkillId(skillId);
    const targets = [...new Set(requires.map(parseSkillId))];
    if (targets.includes(from)) throw new SelfPrerequisite(from);
    this.#edit(expectedRevision, (content) => {
      const others = content.prerequisites.filter((edge) => edge.from !== from);
      const prerequisites = sortedEdges([...others, ...targets.map((to) => ({ from, to }))]);
      const cycle = findCycle(prerequisites);
      if (cycle) throw new PrerequisiteCycle(startingAt(cycle, from));
      return { ...content, prerequisites };
    });
  }

  attachResource(skillId: SkillId, resource: Resource, expectedRevision: number): void {
    const valid = createResource(resource);
    this.#edit(expectedRevision, (content) =>
      withSkill(content, skillId, (skill) => {
        if (skill.resources.some((existing) => existing.url === valid.url)) throw new DuplicateResource(skillId, valid.url);
        return { ...skill, resources: [...skill.resources, valid] };
      }),
    );
  }

  detachResource(skillId: SkillId, url: string, expectedRevision: number): void {
    const normalized = parseResourceUrl(url);
    this.#edit(expectedRevision, (content) =>
      withSkill(content, skillId, (skill) => {
        if (!skill.resources.some((existing) => existing.url === normalized)) throw new ResourceNotFound(skillId, normalized);
        return { ...skill, resources: skill.resources.filter((existing) => existing.url !== normalized) };
      }),
    );
  }

  /** Freezes the draft as the next version and records `RoadmapPublished` with the full snapshot. */
  publish(now: Date, expectedRevision: number): void {
    this.#checkRevision(expectedRevision);
    if (this.status === 'retired') throw new RoadmapIsRetired(this.id);
    const { draft, published } = this.#state;
    if (!draft) throw new RoadmapNotDraft(this.id);
    if (published && sameContent(draft, published)) throw new DraftUnchanged(this.id, this.version);
    assertPublishable(this.id, draft);

    this.#state = {
      ...this.#state,
      status: 'published',
      version: this.version + 1,
      revision: this.revision + 1,
      published: draft,
      publishedAt: now.toISOString(),
      draft: undefined,
    };
    this.#events.push({ type: 'RoadmapPublished', ...this.#eventFields(now), roadmap: this.#snapshotOf(draft, now.toISOString()) });
  }

  /** Withdraws the live version for good; an open draft is dropped with it. */
  retire(now: Date, expectedRevision: number): void {
    this.#checkRevision(expectedRevision);
    if (this.status === 'retired') throw new RoadmapIsRetired(this.id);
    if (this.status !== 'published') throw new RoadmapNotPublished(this.id);
    this.#state = { ...this.#state, status: 'retired', revision: this.revision + 1, draft: undefined };
    this.#events.push({ type: 'RoadmapRetired', ...this.#eventFields(now), slug: this.slug, version: this.version });
  }

  /** The live version as consumers receive it in `RoadmapPublished`. */
  snapshot(): RoadmapSnapshot | undefined {
    const { published, publishedAt } = this.#state;
    return published && publishedAt ? this.#snapshotOf(published, publishedAt) : undefined;
  }

  toState(): RoadmapState {
    return this.#state;
  }

  /** Hands recorded events to the repository, which writes them to the outbox in the same transaction. */
  pullEvents(): RoadmapEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  #edit(expectedRevision: number, change: (content: RoadmapContent) => RoadmapContent): void {
    this.#checkRevision(expectedRevision);
    if (this.status === 'retired') throw new RoadmapIsRetired(this.id);
    const base = this.#state.draft ?? this.#state.published;
    if (!base) throw new Error(`${this.id} has neither a draft nor a published version`);
    this.#state = { ...this.#state, draft: change(base), revision: this.revision + 1 };
  }

  #checkRevision(expected: number): void {
    if (expected !== this.revision) throw new StaleRevision(this.id, expected, this.revision);
  }

  #eventFields(now: Date) {
    return { aggregateId: this.id, aggregateVersion: this.revision, occurredAt: now.toISOString() };
  }

  #snapshotOf(content: RoadmapContent, publishedAt: string): RoadmapSnapshot {
    return { roadmapId: this.id, slug: this.slug, version: this.version, publishedAt, ...describe(content) };
  }
}

function validDetails(input: RoadmapDetails): RoadmapDetails {
  return {
    title: requireText('title', input.title, { max: 120 }),
    summary: requireText('summary', input.summary, { max: 1000, optional: true }),
    kind: requireOneOf('kind', input.kind, ROADMAP_KINDS),
    tags: validTags(input.tags),
  };
}

function validTags(tags: readonly string[]): string[] {
  if (!Array.isArray(tags) || tags.length > MAX_TAGS) throw new InvalidField('tags', `must be a list of at most ${MAX_TAGS} tags`);
  const valid = tags.map((tag, i) => requireText(`tags[${i}]`, tag, { max: 40 }));
  return valid.filter((tag, i) => valid.findIndex((other) => other.toLowerCase() === tag.toLowerCase()) === i);
}

function validStageFields(title: string, summary: string) {
  return { title: requireText('title', title, { max: 120 }), summary: requireText('summary', summary, { max: 1000, optional: true }) };
}

function requireStage(content: RoadmapContent, stageId: string): Stage {
  const stage = content.stages.find((candidate) => candidate.id === stageId);
  if (!stage) throw new StageNotFound(stageId);
  return stage;
}

function stageOf(content: RoadmapContent, skillId: SkillId): Stage | undefined {
  return content.stages.find((stage) => stage.skills.some((skill) => skill.skillId === skillId));
}

function withStage(content: RoadmapContent, stageId: string, change: (stage: Stage) => Stage): RoadmapContent {
  const target = requireStage(content, stageId);
  return { ...content, stages: content.stages.map((stage) => (stage === target ? change(stage) : stage)) };
}

function withSkill(content: RoadmapContent, skillId: SkillId, change: (skill: RoadmapSkill) => RoadmapSkill): RoadmapContent {
  const stage = stageOf(content, skillId);
  if (!stage) throw new SkillNotInRoadmap(skillId);
  return withStage(content, stage.id, (s) => ({ ...s, skills: s.skills.map((skill) => (skill.skillId === skillId ? change(skill) : skill)) }));
}

function withoutPrerequisitesOf(content: RoadmapContent, skillIds: readonly SkillId[]): RoadmapContent {
  const gone = new Set(skillIds);
  return { ...content, prerequisites: content.prerequisites.filter((edge) => !gone.has(edge.from) && !gone.has(edge.to)) };
}

/** Reordering must name every current item exactly once, so nothing is dropped or invented on the way. */
function reordered<T>(items: readonly T[], ids: readonly string[], idOf: (item: T) => string): T[] {
  const current = items.map(idOf);
  const problems = {
    unknown: ids.filter((id) => !current.includes(id)),
    missing: current.filter((id) => !ids.includes(id)),
    repeated: ids.filter((id, i) => ids.indexOf(id) !== i),
  };
  if (problems.unknown.length + problems.missing.length + problems.repeated.length > 0) throw new InvalidOrder(problems);
  return [...items].sort((a, b) => ids.indexOf(idOf(a)) - ids.indexOf(idOf(b)));
}

function sortedEdges(edges: readonly PrerequisiteEdge<SkillId>[]): PrerequisiteEdge<SkillId>[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...edges].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
}

/** Rotates a closed cycle so it reads from the skill being edited: [from, …, from]. */
function startingAt(cycle: readonly SkillId[], from: SkillId): SkillId[] {
  const open = cycle.slice(0, -1);
  const start = open.indexOf(from);
  if (start < 0) return [...cycle];
  return [...open.slice(start), ...open.slice(0, start), from];
}

function assertPublishable(roadmapId: RoadmapId, content: RoadmapContent): void {
  if (content.stages.length === 0) throw new RoadmapHasNoStages(roadmapId);
  const empty = content.stages.filter((stage) => stage.skills.length === 0).map((stage) => stage.id);
  if (empty.length > 0) throw new EmptyStages(roadmapId, empty);
  const placed = new Set(content.stages.flatMap((stage) => stage.skills.map((skill) => skill.skillId)));
  const outside = content.prerequisites.filter((edge) => !placed.has(edge.from) || !placed.has(edge.to));
  if (outside.length > 0) throw new PrerequisiteOutsideRoadmap(roadmapId, outside);
  // Edits already refuse cycles; this guards state restored from storage.
  const cycle = findCycle(content.prerequisites);
  if (cycle) throw new PrerequisiteCycle(cycle);
}

function sameContent(a: RoadmapContent, b: RoadmapContent): boolean {
  return JSON.stringify(describe(a)) === JSON.stringify(describe(b));
}

/** Content with explicit positions and a fixed key order, whatever order storage returned keys in. */
function describe(content: RoadmapContent) {
  return {
    title: content.title,
    summary: content.summary,
    kind: content.kind,
    tags: [...content.tags],
    stages: content.stages.map((stage, stageIndex) => ({
      stageId: stage.id,
      position: stageIndex + 1,
      title: stage.title,
      summary: stage.summary,
      skills: stage.skills.map((skill, skillIndex) => ({
        skillId: skill.skillId,
        position: skillIndex + 1,
        priority: skill.priority,
        resources: skill.resources.map(({ title, url, type, free }) => ({ title, url, type, free })),
      })),
    })),
    prerequisites: content.prerequisites.map(({ from, to }) => ({ from, to })),
  };
}
