import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EVENT_CATALOG } from './event-catalog';
import { breakingChanges, type JsonSchema } from './schema-compatibility';

const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema) as JsonSchema;
const historyDir = path.resolve(__dirname, '../../schema-history');

const v1 = z.object({ id: z.string(), status: z.enum(['a', 'b']), tags: z.array(z.object({ name: z.string() })), note: z.string().optional() });

describe('schema compatibility within a major version', () => {
  it('when a new optional field is added, then nothing breaks', () => {
    expect(breakingChanges(schemaOf(v1), schemaOf(v1.extend({ extra: z.number().optional() })))).toEqual([]);
  });

  it.each([
    ['a field is removed', v1.omit({ note: true }), '/note: property removed'],
    ['a new field is required', v1.extend({ extra: z.number() }), '/extra: new property is required'],
    ['an optional field becomes required', v1.extend({ note: z.string() }), '/note: became required'],
    ['a field changes type', v1.extend({ id: z.number() }), '/id: type changed from string to number'],
    ['an enum gains a value', v1.extend({ status: z.enum(['a', 'b', 'c']) }), '/status: allowed values changed'],
    ['a nested array item changes', v1.extend({ tags: z.array(z.object({ name: z.number() })) }), '/tags/items/name: type changed'],
  ])('when %s, then the change is reported as breaking', (_, next, expected) => {
    expect(breakingChanges(schemaOf(v1), schemaOf(next))).toEqual([expect.stringContaining(expected)]);
  });

  it.each(EVENT_CATALOG.map((contract) => [contract.type, contract] as const))(
    'when %s is compared with its recorded schema, then it is recorded and has only grown',
    (type, contract) => {
      let recorded: JsonSchema;
      try {
        recorded = JSON.parse(readFileSync(path.join(historyDir, `${type}.json`), 'utf8')) as JsonSchema;
      } catch {
        throw new Error(`${type} has no recorded schema: run npm run contracts:generate and commit the result`);
      }
      const current = schemaOf(contract.schema);
      expect(breakingChanges(recorded, current)).toEqual([]);
      // A compatible change must still be recorded, so the next change is compared with it.
      expect(current).toEqual(recorded);
    },
  );
});
