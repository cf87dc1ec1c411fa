// Browsers ask for /favicon.ico on every non-HTML page (JSON health checks included): answer quietly.

export function loader() {
  return new Response(null, { status: 204, headers: { "Cache-Control": "public, max-age=86400" } });
}
