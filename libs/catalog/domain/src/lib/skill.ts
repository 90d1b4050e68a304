import { StaleRevision } from './catalog.errors';
import { requireIsoDate, requireOneOf, requireText } from './fields';
import { parseSlug, skillIdFor, type SkillId } from './ids';
import type { SkillEvent } from './skill.events';

export const SIGNAL_LEVELS = ['low', 'medium', 'high'] as const;
export type SignalLevel = (typeof SIGNAL_LEVELS)[number];

/** One market reading, kept with where it came from and when, because readings age. */
export interface Signal {
  readonly level: SignalLevel;
  readonly source: string;
  /** Calendar date of the reading, `YYYY-MM-DD`. */
  readonly asOf: string;
}

export interface MarketSignals {
  readonly importance: Signal;
  readonly marketDemand: Signal;
  readonly automationRisk: Signal;
}

export interface SkillSnapshot {
  readonly id: SkillId;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly signals?: MarketSignals;
}

export interface SkillState extends SkillSnapshot {
  readonly revision: number;
}

/** `signals: null` removes the readings; an absent key leaves them as they are. */
export interface SkillChanges {
  readonly name?: string;
  readonly description?: string;
  readonly signals?: MarketSignals | null;
}

/**
 * A skill is one thing wherever it is taught: roadmaps reference it by id and never copy it,
 * so progress on "Git" counts on every roadmap that includes Git.
 */
export class Skill {
  #state: SkillState;
  #events: SkillEvent[] = [];

  private constructor(state: SkillState) {
    this.#state = state;
  }

  static create(input: { slug: string; name: string; description: string; signals?: MarketSignals }): Skill {
    const slug = parseSlug(input.slug);
    return new Skill({ id: skillIdFor(slug), slug, ...details(input), revision: 1 });
  }

  static restore(state: SkillState): Skill {
    return new Skill(state);
  }

  get id(): SkillId {
    return this.#state.id;
  }

  get slug(): string {
    return this.#state.slug;
  }

  get name(): string {
    return this.#state.name;
  }

  get description(): string {
    return this.#state.description;
  }

  get signals(): MarketSignals | undefined {
    return this.#state.signals;
  }

  get revision(): number {
    return this.#state.revision;
  }

  /** Records `SkillUpdated` only when something actually changed, so repeating a request is harmless. */
  update(changes: SkillChanges, expectedRevision: number, now: Date): void {
    if (expectedRevision !== this.revision) throw new StaleRevision(this.id, expectedRevision, this.revision);
    const current = details(this.#state);
    const next = details({
      name: changes.name ?? current.name,
      description: changes.description ?? current.description,
      signals: changes.signals === null ? undefined : (changes.signals ?? current.signals),
    });
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    this.#state = { id: this.id, slug: this.slug, ...next, revision: this.revision + 1 };
    const { revision, ...skill } = this.#state;
    this.#events.push({ type: 'SkillUpdated', aggregateId: this.id, aggregateVersion: revision, occurredAt: now.toISOString(), skill });
  }

  toState(): SkillState {
    return this.#state;
  }

  /** Hands recorded events to the repository, which writes them to the outbox in the same transaction. */
  pullEvents(): SkillEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }
}

// Always builds keys in the same order, so two results compare equal as JSON when they mean the same.
function details(input: { name: string; description: string; signals?: MarketSignals }) {
  return {
    name: requireText('name', input.name, { max: 120 }),
    description: requireText('description', input.description, { max: 2000, optional: true }),
    ...(input.signals && { signals: validSignals(input.signals) }),
  };
}

function validSignals(signals: MarketSignals): MarketSignals {
  const valid = (field: keyof MarketSignals): Signal => ({
    level: requireOneOf(`signals.${field}.level`, signals[field]?.level, SIGNAL_LEVELS),
    source: requireText(`signals.${field}.source`, signals[field]?.source, { max: 200 }),
    asOf: requireIsoDate(`signals.${field}.asOf`, signals[field]?.asOf),
  });
  return { importance: valid('importance'), marketDemand: valid('marketDemand'), automationRisk: valid('automationRisk') };
}
