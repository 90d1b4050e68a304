// Not workflow code: the list of workflow interceptor modules, for whoever bundles the workflows
// (the saga-worker when it bundles at start, tools/build.mjs, the replay tests), so all of them
// bundle what production runs.
export const INTERCEPTOR_MODULES = [require.resolve('./lib/trace-context.interceptors')];
