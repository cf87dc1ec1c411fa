// Feedback for every admin change: App Bridge's toast (touched only in an effect, never while rendering).

import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useRef } from "react";

export interface ActionOutcome {
  ok: boolean;
  message?: string;
  error?: { message: string };
}

/** Shows one toast per new action result (`data` changes identity with each answer). */
export function useActionToast(data: ActionOutcome | undefined): void {
  const shopify = useAppBridge();
  const shown = useRef<ActionOutcome | undefined>(undefined);
  useEffect(() => {
    if (!data || shown.current === data) return;
    shown.current = data;
    const text = data.ok ? data.message : data.error?.message;
    if (text) shopify.toast.show(text, { isError: !data.ok, duration: data.ok ? 4000 : 8000 });
  }, [data, shopify]);
}
