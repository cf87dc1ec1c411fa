// One Settings section's form: its fetcher, the toast for each answer, and the problem to show inside the section.

import { useFetcher } from "@remix-run/react";
import { Banner } from "@shopify/polaris";
import { useActionToast, type ActionOutcome } from "../useActionToast";

export type SectionOutcome = ActionOutcome & {
  error?: { message: string; details?: { issues?: { message: string }[] } };
};

/** `T` is what a successful answer carries besides its message (an import's per-row report). */
export function useSection<T extends object = object>() {
  const fetcher = useFetcher();
  const outcome = fetcher.data as (SectionOutcome & Partial<T>) | undefined;
  useActionToast(outcome);
  const problem =
    outcome && !outcome.ok
      ? [outcome.error?.message, ...(outcome.error?.details?.issues ?? []).map((i) => i.message)]
          .filter(Boolean)
          .join(" ")
      : null;
  return { fetcher, problem, outcome };
}

export function Problem({ text }: { text: string | null }) {
  return text ? (
    <Banner tone="critical">
      <p>{text}</p>
    </Banner>
  ) : null;
}
