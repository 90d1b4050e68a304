import { itDocumentsTheApi } from '@pathwise/platform/testing';
import { RECOMMENDATION_OPENAPI } from './openapi';

describe('recommendation OpenAPI document', () => {
  itDocumentsTheApi('recommendation', RECOMMENDATION_OPENAPI, 12);
});
