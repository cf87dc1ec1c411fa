// Production server: the lean mount answers /proxy/* and the probes first (no Express, no Remix router: the
// storefront's hot path); Express serves the built client assets and hands every other request to Remix.
// The runtime (env, store, metrics) comes from the server build, so routes and this file share one store.

import { createServer } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import proxyaddr from "proxy-addr";

const BUILD_PATH = new URL("./build/server/index.js", import.meta.url).href;
const SHUTDOWN_GRACE_MS = 10_000;

export async function startServer() {
  const build = await import(BUILD_PATH);
  const {
    getRuntime,
    EnvError,
    requestIdFrom,
    isCrossSiteAction,
    loadDevStorefront,
    createLeanMount,
    baselineHeadersFor,
  } = build.entry.module;
  let runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { env, logger } = runtime;

  let stopping = false;
  const app = express();
  app.disable("x-powered-by");
  // The client address for per-IP rate limits: in Shopify mode the entry Shopify's app proxy appended (TRUST_PROXY).
  app.set("trust proxy", env.trustProxy);
  const trust = app.get("trust proxy fn");
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  // A cross-site post to the admin is refused here with a 403 (Remix's own check would answer 500).
  app.post("/app*", (req, res, next) => {
    const headers = { origin: req.get("origin"), host: req.get("host"), forwardedHost: req.get("x-forwarded-host") };
    if (!isCrossSiteAction(headers)) return next();
    const requestId = requestIdFrom(new Headers({ "x-request-id": req.get("x-request-id") ?? "" }));
    res
      .status(403)
      .set("x-request-id", requestId)
      .json({
        error: { code: "auth.cross_site", message: "This change must come from the admin's own pages." },
        requestId,
      });
  });
  // Local mode: the dev storefront at / (theme, app proxy and cart emulation); never served in Shopify mode.
  if (env.mode === "local") app.use((await loadDevStorefront())(runtime));
  app.all("*", createRequestHandler({ build, getLoadContext: (req) => ({ clientIp: req.ip }) }));
  // Errors raised before Remix sees the request (a malformed %-escape in the path, say) still get the envelope.
  app.use((err, req, res, _next) => {
    const status = err.status >= 400 && err.status < 500 ? err.status : 500;
    const requestId = requestIdFrom(new Headers({ "x-request-id": req.get("x-request-id") ?? "" }));
    if (status === 500) logger.error({ err, requestId }, "unhandled server error");
    res
      .status(status)
      .set("x-request-id", requestId)
      .json({
        error:
          status === 500
            ? { code: "internal.error", message: "Something went wrong on our side." }
            : { code: "request.malformed", message: "The request could not be read." },
        requestId,
      });
  });

  const baselineHeaders = baselineHeadersFor(env.appUrl);
  // The lean mount adds the baseline security headers to its answers itself (no per-response wrapper).
  const lean = createLeanMount(baselineHeaders);
  const baseline = Object.entries(baselineHeaders);
  const server = createServer((req, res) => {
    // Once stopping, tell keep-alive clients not to reuse the connection.
    if (stopping) res.setHeader("Connection", "close");
    // Every /proxy path reaches the pipeline here, before any static or path handling (401 when unsigned).
    if (lean.owns(req.url ?? "/")) return lean.serve(req, res, proxyaddr(req, trust));
    // The baseline security headers on every other response, unless the handler set its own value.
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      for (const [name, value] of baseline) if (!res.hasHeader(name)) res.setHeader(name, value);
      return writeHead.apply(res, args);
    };
    app(req, res);
  });
  // A request (headers and body) must arrive within 30 s: a slow sender does not hold a connection for long.
  server.requestTimeout = 30_000;
  server.listen(env.port, env.host, () => {
    const { port } = server.address();
    const where = `http://${env.host === "0.0.0.0" ? "127.0.0.1" : env.host}:${port}`;
    // PORT=0 picks a free port: in local mode the app's own URL (image links) must name the real one.
    if (env.mode === "local" && env.port === 0) env.appUrl = where;
    logger.info({ url: where, mode: env.mode }, "listening");
    if (env.mode === "local") console.log(`Aurora Concierge (local demo) is running at ${where}/`);
  });
  server.keepAliveTimeout = 65_000;

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new connections, finishing in-flight requests");
    const force = setTimeout(async () => {
      logger.error("in-flight requests did not finish in time; exiting");
      await runtime.close().catch(() => undefined);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(async () => {
      clearInterval(sweep);
      await runtime.close().catch((err) => logger.error({ err }, "store close failed"));
      logger.info("stopped");
      process.exit(0);
    });
    // Keep-alive connections busy at SIGTERM become idle once their response is sent: close them then.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startServer();
}
