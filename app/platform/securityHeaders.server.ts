// Security headers: the baseline on every response the server sends, and the stricter set for JSON answers
// (nothing in an API answer may be sniffed as HTML, framed, or loaded as a resource by another site).

/** Every response, pages and assets included (admin pages are framed by Shopify: no frame denial here). */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

/** JSON answers (storefront, ops, admin API). */
export const API_HEADERS: Readonly<Record<string, string>> = {
  ...BASELINE_HEADERS,
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** HSTS only where the app is served over https (Shopify mode); a browser ignores it over http anyway. */
export function baselineHeadersFor(appUrl: string): Record<string, string> {
  return appUrl.startsWith("https:")
    ? { ...BASELINE_HEADERS, "Strict-Transport-Security": "max-age=31536000; includeSubDomains" }
    : { ...BASELINE_HEADERS };
}
