/**
 * The smallest possible workflow: no activities, no timers. It is the reference the saga
 * benchmark measures onboarding against (docs/architecture.md, performance targets) and the workflow the
 * infrastructure smoke test runs to prove a worker, the bundler and the server work together.
 */
export async function baselineWorkflow(input: { echo: string }): Promise<{ echo: string }> {
  return { echo: input.echo };
}
