import { InvalidField, StaleRevision } from './catalog.errors';
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

/**
 * How a skill is written in resumes and job ads ("PostgreSQL" for SQL). Matching is whole-word and
 * case-insensitive, and spaces and hyphens inside an alias are interchangeable.
 */
export interface SkillAlias {
  readonly text: string;
  /** Also an everyday word or name ("Go", "Oracle"): counts only next to a technical cue or in a skills list. */
  readonly ambiguous?: boolean;
  /** Matches only as written or in capitals, because the lowercase form is an ordinary word. */
  readonly caseSensitive?: boolean;
}

const MAX_SKILL_ALIASES = 50;
const MAX_ALIAS_LENGTH = 80;

export interface SkillSnapshot {
  readonly id: SkillId;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly signals?: MarketSignals;
  readonly aliases: readonly SkillAlias[];
}

export interface SkillState extends SkillSnapshot {
  readonly revision: number;
}

/** `signals: null` removes the readings; an absent key leaves them as they are. `aliases` replaces the list. */
export interface SkillChanges {
  readonly name?: string;
  readonly description?: string;
  readonly signals?: MarketSignals | null;
  readonly aliases?: readonly SkillAlias[];
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

  static create(input: { slug: string; name: string; description: string; signals?: MarketSignals; aliases?: readonly SkillAlias[] }): Skill {
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

  get aliases(): readonly SkillAlias[] {
    return this.#state.aliases;
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
      aliases: changes.aliases ?? current.aliases,
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
function details(input: { name: string; description: string; signals?: MarketSignals; aliases?: readonly SkillAlias[] }) {
  return {
    name: requireText('name', input.name, { max: 120 }),
    description: requireText('description', input.description, { max: 2000, optional: true }),
    ...(input.signals && { signals: validSignals(input.signals) }),
    aliases: validAliases(input.aliases ?? []),
  };
}

// Keyed as the resume matcher compares aliases: two texts with one key would be one alias there.
const aliasKey = (text: string) => text.toLowerCase().replace(/-/g, ' ');

/** Trimmed, inner whitespace collapsed, flags stored only when set: equal lists are equal JSON. */
function validAliases(aliases: readonly SkillAlias[]): SkillAlias[] {
  if (!Array.isArray(aliases)) throw new InvalidField('aliases', 'must be a list');
  if (aliases.length > MAX_SKILL_ALIASES) throw new InvalidField('aliases', `must list at most ${MAX_SKILL_ALIASES} aliases`);
  const seen = new Map<string, number>();
  return aliases.map((alias, index) => {
    const field = `aliases[${index}]`;
    const raw: unknown = alias?.text;
    // Checked before trimming: a tab or newline inside an alias is a paste error, not spacing.
    if (typeof raw === 'string' && /\p{Cc}/u.test(raw)) throw new InvalidField(`${field}.text`, 'must not contain control characters');
    const text = requireText(`${field}.text`, raw, { max: MAX_ALIAS_LENGTH }).replace(/\s+/g, ' ');
    // The matcher skips an alias with no letter or digit, so it could never match anything.
    if (!/[\p{L}\p{N}]/u.test(text)) throw new InvalidField(`${field}.text`, 'must contain a letter or digit');
    const first = seen.get(aliasKey(text));
    if (first !== undefined) throw new InvalidField(`${field}.text`, `repeats aliases[${first}] (case, spaces and hyphens aside)`);
    seen.set(aliasKey(text), index);
    return { text, ...(flag(`${field}.ambiguous`, alias.ambiguous) && { ambiguous: true }), ...(flag(`${field}.caseSensitive`, alias.caseSensitive) && { caseSensitive: true }) };
  });
}

function flag(field: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== 'boolean') throw new InvalidField(field, 'must be true or false');
  return value === true;
}

function validSignals(signals: MarketSignals): MarketSignals {
  const valid = (field: keyof MarketSignals): Signal => ({
    level: requireOneOf(`signals.${field}.level`, signals[field]?.level, SIGNAL_LEVELS),
    source: requireText(`signals.${field}.source`, signals[field]?.source, { max: 200 }),
    asOf: requireIsoDate(`signals.${field}.asOf`, signals[field]?.asOf),
  });
  return { importance: valid('importance'), marketDemand: valid('marketDemand'), automationRisk: valid('automationRisk') };
}
