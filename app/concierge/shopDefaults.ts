// What a newly installed shop starts with: the product's documented defaults (PRODUCT.md §3).

import type { RolloutStage, RolloutState, ShopSettings } from "~/store/port";

export const DEFAULT_ROLLOUT_STAGES: RolloutStage[] = [
  { name: "beta", percent: 0, days: 2 },
  { name: "10%", percent: 10, days: 4 },
  { name: "25%", percent: 25, days: 3 },
  { name: "50%", percent: 50, days: 4 },
  { name: "100%", percent: 100, days: 0 },
];

export function defaultShopSettings(timezone = "America/New_York"): ShopSettings {
  const weekday = { open: 9 * 60, close: 17 * 60 };
  return {
    appearance: {
      position: "bottom-right",
      accentColor: "#1f3a5f",
      launcherLabel: "Concierge",
      greeting: "Hello — I can help you find a piece, track an order, or start a return.",
    },
    businessHours: { timezone, days: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday } },
    sla: { standardHours: 4, priorityHours: 1 },
    returns: { returnWindowDays: 30, resizeWindowDays: 60, exchangeWindowDays: 30 },
    locale: "en",
  };
}

/** New installs start switched off: the merchant turns the concierge on deliberately. */
export function defaultRollout(now: Date): RolloutState {
  return {
    enabled: false,
    percent: 0,
    allowlist: { customerIds: [], emails: [] },
    previewToken: null,
    updatedAt: now.toISOString(),
  };
}
