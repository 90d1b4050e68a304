// The apps `npm start` runs, in start order, with the env key holding each one's HTTP port.
export const APPS = [
  { name: 'catalog', portKey: 'CATALOG_HTTP_PORT', defaultPort: 3001 },
  { name: 'progress', portKey: 'PROGRESS_HTTP_PORT', defaultPort: 3002 },
  { name: 'recommendation', portKey: 'RECOMMENDATION_HTTP_PORT', defaultPort: 3003 },
  { name: 'saga-worker', portKey: 'SAGA_WORKER_HTTP_PORT', defaultPort: 3004 },
  { name: 'gateway', portKey: 'GATEWAY_HTTP_PORT', defaultPort: 3000 },
];
