// Product images of the demo catalog, generated as SVG and cached hard (they never change for a handle).

import { demoImageSvg } from "~/demo/images";

export async function loader({ params }: { params: Record<string, string | undefined> }) {
  const svg = demoImageSvg(params.name ?? "");
  if (!svg) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=86400, immutable",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
