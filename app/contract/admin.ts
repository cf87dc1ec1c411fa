// Names the admin's server and pages share: views, ranges and labels (no server code, so pages may import it).

import type { ReturnOption, TicketStatus } from "~/store/port";

export const OVERVIEW_RANGES = [7, 30, 90] as const;
export type OverviewRange = (typeof OVERVIEW_RANGES)[number];

export const OPEN_STATUSES: TicketStatus[] = ["open", "in_progress", "waiting"];
export const QUEUE_VIEWS = ["open", "mine", "unassigned", "resolved"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  waiting: "Waiting on shopper",
  resolved: "Resolved",
};

export const OPTION_LABELS: Record<ReturnOption, string> = {
  return: "Return",
  resize: "Resize",
  exchange: "Exchange",
  care: "Care refresh",
};
