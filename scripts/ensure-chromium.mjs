// Kept for older callers: the tool finder lives in ensure-tools.mjs.
export { ensureChromium, findTool } from "./ensure-tools.mjs";
