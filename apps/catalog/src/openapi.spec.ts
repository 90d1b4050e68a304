import { itDocumentsTheApi } from '@pathwise/platform/testing';
import { CATALOG_OPENAPI } from './openapi';

describe('catalog OpenAPI document', () => {
  itDocumentsTheApi('catalog', CATALOG_OPENAPI, 22);
});
