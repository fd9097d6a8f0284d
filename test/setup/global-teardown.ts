/** Stops what the global setup started, last started first. */
export default async function globalTeardown(): Promise<void> {
  const teardowns =
    (globalThis as { __testTeardowns?: (() => Promise<void>)[] }).__testTeardowns ?? [];
  for (const teardown of teardowns) {
    await teardown().catch((error: unknown) => console.error('[teardown]', error));
  }
}
