/**
 * The catalog's closed value lists as they travel in its HTTP requests and events. The catalog
 * domain (libs/catalog/domain) keeps its own lists, which contracts may not import; a catalog
 * spec asserts both are equal, so they cannot drift.
 */
export const ROADMAP_KINDS = ['role', 'skill'] as const;
export const SKILL_PRIORITIES = ['essential', 'recommended', 'optional'] as const;
export const RESOURCE_TYPES = ['article', 'course', 'video', 'book', 'docs'] as const;
export const SIGNAL_LEVELS = ['low', 'medium', 'high'] as const;
