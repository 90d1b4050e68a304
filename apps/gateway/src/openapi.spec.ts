import { AUTHORIZATION_MATRIX } from '@pathwise/gateway/feature';
import { itDocumentsTheApi, renderOpenApi } from '@pathwise/platform/testing';
import { GATEWAY_OPENAPI } from './openapi';

describe('gateway OpenAPI document (the public API)', () => {
  itDocumentsTheApi('gateway', GATEWAY_OPENAPI, 49);

  it('when routes are enumerated from the document, then each has a row in the authorization matrix (row 27)', async () => {
    const document = JSON.parse(await renderOpenApi(GATEWAY_OPENAPI)) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.filter((route) => !(route in AUTHORIZATION_MATRIX))).toEqual([]);
  });
});
