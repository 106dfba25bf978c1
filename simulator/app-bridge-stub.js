/*
 * Stand-in for Shopify's App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js)
 * outside the Shopify admin: the demo serves it in its place and the browser
 * tests route the CDN URL to it. It does the parts of App Bridge the app
 * relies on:
 *  - keeps the session token (id_token) the page was opened with, and adds it
 *    as `Authorization: Bearer` to the app's own fetches (Remix data requests
 *    and form posts), as App Bridge does;
 *  - on the bounce page (`shopify-reload`), reloads the target with a token;
 *  - shows <ui-nav-menu> links as a bar, where the admin would show them in
 *    its sidebar; `shopify.toast.show` as a plain message.
 * Plain browser JavaScript: it is served as is.
 */
(function () {
  var TOKEN_KEY = "app-bridge-stub:id_token";
  var script = document.currentScript;
  var params = new URLSearchParams(window.location.search);

  if (params.get("id_token")) sessionStorage.setItem(TOKEN_KEY, params.get("id_token"));
  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }
  // The demo server can mint a fresh token; in tests the page's own one is used.
  function refreshToken() {
    return window
      .fetch.__original("/__demo/session-token?shop=" + encodeURIComponent(params.get("shop") || ""))
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (fresh) {
        if (fresh) sessionStorage.setItem(TOKEN_KEY, fresh);
        return fresh;
      })
      .catch(function () {
        return null;
      });
  }

  var reload = params.get("shopify-reload");
  if (reload) {
    var target = new URL(reload, window.location.origin);
    Promise.resolve(token() || refreshToken()).then(function (fresh) {
      if (fresh) target.searchParams.set("id_token", fresh);
      window.location.replace(target.toString());
    });
    return;
  }

  var originalFetch = window.fetch.bind(window);
  function appFetch(input, init) {
    var request = new Request(input, init);
    if (new URL(request.url, window.location.href).origin !== window.location.origin || !token()) {
      return originalFetch(request);
    }
    var retry = request.clone();
    request.headers.set("Authorization", "Bearer " + token());
    return originalFetch(request).then(function (response) {
      if (response.status !== 401 || !response.headers.get("X-Shopify-Retry-Invalid-Session-Request")) return response;
      return refreshToken().then(function (fresh) {
        if (!fresh) return response;
        retry.headers.set("Authorization", "Bearer " + fresh);
        return originalFetch(retry);
      });
    });
  }
  appFetch.__original = originalFetch;
  window.fetch = appFetch;

  window.shopify = {
    config: {
      apiKey: script && script.dataset.apiKey,
      shop: params.get("shop"),
      host: params.get("host"),
      locale: "en",
    },
    environment: { embedded: false, mobile: false, pos: false },
    idToken: function () {
      return Promise.resolve(token());
    },
    toast: {
      show: function (message) {
        var note = document.createElement("div");
        note.setAttribute("role", "status");
        note.textContent = message;
        note.style.cssText = "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);background:#303030;color:#fff;padding:8px 16px;border-radius:8px;z-index:1000";
        document.body.appendChild(note);
        setTimeout(function () {
          note.remove();
        }, 3000);
      },
    },
    loading: function () {},
  };

  var style = document.createElement("style");
  style.textContent =
    "ui-nav-menu{display:flex;gap:20px;padding:12px 20px;background:#1a1a1a;font:14px/1.4 sans-serif}" +
    "ui-nav-menu a{color:#fff;text-decoration:none}ui-nav-menu a:hover{text-decoration:underline}";
  document.head.appendChild(style);
  if (!customElements.get("ui-nav-menu")) {
    customElements.define(
      "ui-nav-menu",
      class extends HTMLElement {
        connectedCallback() {
          this.setAttribute("role", "navigation");
        }
      },
    );
  }
})();
