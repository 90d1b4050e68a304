/** The subset of JSON Schema (draft 2020-12) that zod emits for our contracts. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  [keyword: string]: unknown;
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf).sort();
  if (schema.type === undefined) return ['any'];
  return (Array.isArray(schema.type) ? [...schema.type] : [schema.type]).sort();
}

/**
 * Changes that break a reader or writer of the previous schema within the same major version.
 * Consumers validate what they receive, so during a rolling deploy an old consumer must accept a
 * new producer's events and vice versa. Allowed: new optional properties. Breaking: removing or
 * retyping a property, making one required, or changing an enum (old strict readers reject new
 * values; new readers reject old ones).
 */
export function breakingChanges(previous: JsonSchema, current: JsonSchema, at = ''): string[] {
  const where = at || '/';
  const before = typesOf(previous);
  const after = typesOf(current);
  if (before.join('|') !== after.join('|')) return [`${where}: type changed from ${before.join('|')} to ${after.join('|')}`];

  const problems: string[] = [];
  if (JSON.stringify(previous.enum ?? null) !== JSON.stringify(current.enum ?? null)) {
    problems.push(`${where}: allowed values changed from ${JSON.stringify(previous.enum)} to ${JSON.stringify(current.enum)}`);
  }
  if (previous.anyOf && current.anyOf) {
    previous.anyOf.forEach((option, index) => {
      const match = current.anyOf?.[index];
      if (match) problems.push(...breakingChanges(option, match, at));
    });
  }
  if (previous.items && current.items) problems.push(...breakingChanges(previous.items, current.items, `${at}/items`));

  const beforeProps = previous.properties ?? {};
  const afterProps = current.properties ?? {};
  const wasRequired = new Set(previous.required ?? []);
  for (const [name, schema] of Object.entries(beforeProps)) {
    const path = `${at}/${name}`;
    if (!(name in afterProps)) problems.push(`${path}: property removed`);
    else problems.push(...breakingChanges(schema, afterProps[name] as JsonSchema, path));
  }
  for (const name of current.required ?? []) {
    if (!wasRequired.has(name)) problems.push(`${at}/${name}: ${name in beforeProps ? 'became required' : 'new property is required'}`);
  }
  return problems;
}
