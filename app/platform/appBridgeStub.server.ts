// Local mode has no Shopify admin around the app and no CDN: this small script stands in for App Bridge
// (`window.shopify`), served from our own origin through AppProvider's `__APP_BRIDGE_URL`. Toasts become a polite
// live region; App Bridge's own elements (nav menu, title bar) are hidden because the local shell shows its own.
// It never mints session tokens: `sessionToken` is only for browser tests, which mint one with their test secret
// and pass it in, so the stub can add it to the app's fetches the way App Bridge does.

export interface AppBridgeStubOptions {
  apiKey: string;
  shop: string;
  /** A session token minted by a test with its own secret; absent in local mode. */
  sessionToken?: string;
}

export function appBridgeStub({ apiKey, shop, sessionToken }: AppBridgeStubOptions): string {
  const config = JSON.stringify({ apiKey, shop, locale: "en" }).replace(/</g, "\\u003c");
  const token = JSON.stringify(sessionToken ?? "").replace(/</g, "\\u003c");
  return `(function () {
  "use strict";
  var config = ${config};
  var token = ${token};
  var style = document.createElement("style");
  style.textContent = "ui-nav-menu,ui-title-bar,ui-save-bar,ui-modal{display:none!important}" +
    ".aurora-toasts{position:fixed;left:50%;bottom:24px;transform:translateX(-50%);z-index:1000;display:grid;gap:8px;margin:0;padding:0}" +
    ".aurora-toast{background:#1a1a1a;color:#fff;border-radius:10px;padding:10px 16px;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.25)}" +
    ".aurora-toast[data-error]{background:#8e1f0b}";
  document.head.appendChild(style);
  var list = null;
  function toasts() {
    // Made on first use, after the page has hydrated: React must find the server's markup untouched.
    if (list) return list;
    var region = document.createElement("section");
    region.setAttribute("aria-label", "Notifications");
    list = document.createElement("div");
    list.className = "aurora-toasts";
    list.setAttribute("role", "status");
    list.setAttribute("aria-live", "polite");
    region.appendChild(list);
    document.body.appendChild(region);
    return list;
  }
  var seq = 0;
  function show(message, options) {
    options = options || {};
    var id = "toast-" + (++seq);
    var item = document.createElement("div");
    item.className = "aurora-toast";
    item.id = id;
    if (options.isError) item.setAttribute("data-error", "");
    item.textContent = String(message);
    toasts().appendChild(item);
    setTimeout(function () { item.remove(); }, options.duration || 5000);
    return id;
  }
  if (token) {
    // What App Bridge does for an embedded app: its own fetches carry the session token.
    var nativeFetch = window.fetch.bind(window);
    window.fetch = function (input, init) {
      var url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (url.origin === location.origin) {
        init = init || {};
        var headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
        if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + token);
        init.headers = headers;
      }
      return nativeFetch(input, init);
    };
  }
  var noop = function () {};
  window.shopify = {
    config: config,
    environment: { embedded: Boolean(token), mobile: false, pos: false },
    idToken: function () { return Promise.resolve(token); },
    toast: { show: show, hide: function (id) { var el = document.getElementById(id); if (el) el.remove(); } },
    loading: noop,
    modal: { show: noop, hide: noop, toggle: noop },
    saveBar: { show: noop, hide: noop, toggle: noop, leaveConfirmation: function () { return Promise.resolve(); } },
    user: function () { return Promise.resolve({}); }
  };
})();
`;
}
