// The admin's pages, in menu order, and which permission shows each one (the server checks again on every load).

import type { StaffAction } from "~/concierge/staffPolicy";

export interface NavItem {
  label: string;
  url: string;
  permission: StaffAction;
}

export const NAV_ITEMS: NavItem[] = [
  { label: "Overview", url: "/app", permission: "overview.view" },
  { label: "Conversations", url: "/app/conversations", permission: "conversations.view" },
  { label: "Tickets", url: "/app/tickets", permission: "tickets.view" },
  { label: "Returns", url: "/app/returns", permission: "returns.view" },
  { label: "Rollout", url: "/app/rollout", permission: "rollout.view" },
  { label: "Settings", url: "/app/settings", permission: "settings.view" },
];

export const ROLE_LABELS = {
  owner: "Owner",
  admin: "Admin",
  support_lead: "Support lead",
  agent: "Agent",
  viewer: "Viewer",
} as const;
