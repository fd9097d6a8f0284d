const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Runs `attempt` after each delay in turn until one succeeds; true if one did. Never throws. */
export async function retryInBackground(
  attempt: () => Promise<unknown>,
  delaysMs: readonly number[],
  onFailure: (failure: unknown) => void,
): Promise<boolean> {
  for (const delay of delaysMs) {
    await sleep(delay);
    try {
      await attempt();
      return true;
    } catch (failure) {
      onFailure(failure);
    }
  }
  return false;
}
