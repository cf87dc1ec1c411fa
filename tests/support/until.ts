// Waits for something the app does in the background (the worker sending mail, a backfill finishing): polls
// `check` until it holds, or fails after `ms` naming what it waited for.

export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 15_000,
  what = "the condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
