// The panel bundle's entry: loaded by the launcher on first intent, it hands the launcher its factory.

import type { PanelFactory } from "../types";
import { createPanel } from "./panel";

(window as unknown as { __auroraConciergePanel: PanelFactory }).__auroraConciergePanel = createPanel;
