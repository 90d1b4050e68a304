import { ListRoadmapsQuery as ListRoadmapsContract } from '@pathwise/contracts';
import { z } from 'zod';

export { RoadmapParams, RoadmapVersionParams } from '@pathwise/contracts';

/** Opaque to clients; today it carries the last slug of the previous page. */
export const cursor = {
  encode: (after: string) => Buffer.from(JSON.stringify({ after })).toString('base64url'),
  schema: ListRoadmapsContract.shape.cursor.unwrap().transform((value, context) => {
    try {
      const decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { after?: unknown };
      if (typeof decoded.after === 'string') return decoded.after;
    } catch {
      // Falls through to the issue below: a cursor that does not decode is a client error.
    }
    context.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
    return z.NEVER;
  }),
};

/** The contract's query, with the cursor decoded: to the catalog it is the slug to continue after. */
export const ListRoadmapsQuery = ListRoadmapsContract.extend({ cursor: cursor.schema.optional() });
