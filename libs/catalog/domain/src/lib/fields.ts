import { InvalidField } from './catalog.errors';

export function requireText(field: string, value: unknown, { max, optional = false }: { max: number; optional?: boolean }): string {
  if (typeof value !== 'string') throw new InvalidField(field, 'must be text');
  const text = value.trim();
  if (!optional && text.length === 0) throw new InvalidField(field, 'must not be empty');
  // Characters are code points, as the request schemas (zod, JSON Schema's maxLength) count them: an emoji is one.
  if ([...text].length > max) throw new InvalidField(field, `must be at most ${max} characters`);
  return text;
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new InvalidField(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A calendar date (`YYYY-MM-DD`) that exists: `2025-02-30` is rejected. */
export function requireIsoDate(field: string, value: unknown): string {
  const date = new Date(`${value}T00:00:00Z`);
  const valid = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  if (!valid) throw new InvalidField(field, 'must be a calendar date (YYYY-MM-DD)');
  return value as string;
}
