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
 *    its sidebar; `shopify.toast.show` as a plain message;
 *  - `shopify.resourcePicker` for products and variants: a small dialog over
 *    the demo catalogue, which it reads from `/__simulator/catalogue.json` on
 *    the app's origin (the demo proxy serves it, the browser tests route it;
 *    both from simulator/catalogue.ts, the simulator's own list).
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
    resourcePicker: resourcePicker,
  };

  // --- Resource picker -------------------------------------------------------
  // Resolves to the selection, as App Bridge does: products (or variants, with
  // type "variant") in catalogue order, an array that is also its own
  // `selection`; a product with some of its variants selected lists only
  // those. Resolves to undefined when cancelled.
  var CATALOGUE_PATH = "/__simulator/catalogue.json";

  function resourcePicker(options) {
    options = options || {};
    var type = options.type || "product";
    if (type !== "product" && type !== "variant") {
      return Promise.reject(new Error("App Bridge stub: resourcePicker picks products and variants, not " + type));
    }
    return originalFetch(new URL(CATALOGUE_PATH, window.location.origin).toString())
      .then(function (response) {
        if (!response.ok) throw new Error("App Bridge stub: no catalogue at " + CATALOGUE_PATH + " (HTTP " + response.status + ")");
        return response.json();
      })
      .then(function (catalogue) {
        return openPicker(catalogue, options, type);
      });
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  var pickerCount = 0;

  function openPicker(catalogue, options, type) {
    var byVariant = type === "variant";
    var showVariants = byVariant || !(options.filter && options.filter.variants === false);
    var limit = options.multiple === true ? Infinity : typeof options.multiple === "number" ? options.multiple : 1;
    var verb = options.action === "select" ? "Select" : "Add";
    var noun = byVariant ? "variants" : "products";

    // productId -> { variantId: true }
    var selected = {};
    catalogue.forEach(function (product) {
      selected[product.id] = {};
    });
    (options.selectionIds || []).forEach(function (resource) {
      catalogue.forEach(function (product) {
        if (byVariant) {
          product.variants.forEach(function (variant) {
            if (variant.id === resource.id) selected[product.id][variant.id] = true;
          });
          return;
        }
        if (product.id !== resource.id) return;
        var wanted = (resource.variants || []).map(function (variant) {
          return variant.id;
        });
        product.variants.forEach(function (variant) {
          if (wanted.length === 0 || wanted.indexOf(variant.id) >= 0) selected[product.id][variant.id] = true;
        });
      });
    });

    return new Promise(function (resolve) {
      var id = "app-bridge-stub-picker-" + ++pickerCount;
      var previousFocus = document.activeElement;
      var title = element("h2", { id: id + "-title", text: verb + " " + noun });
      var search = element("input", { type: "search", "aria-label": "Search " + noun, placeholder: "Search " + noun });
      search.value = options.query || "";
      var list = element("ul", { class: "app-bridge-stub-picker-list" });
      var status = element("p", { role: "status" });
      var cancel = element("button", { type: "button", text: "Cancel" });
      var confirm = element("button", { type: "button", text: verb });
      var dialog = element("div", { role: "dialog", "aria-modal": "true", "aria-labelledby": title.id, class: "app-bridge-stub-picker" }, [
        title,
        search,
        list,
        status,
        element("div", { class: "app-bridge-stub-picker-actions" }, [cancel, confirm]),
      ]);
      var backdrop = element("div", { class: "app-bridge-stub-picker-backdrop" }, [dialog]);
      var rows = [];

      catalogue.forEach(function (product) {
        var productBox = element("input", { type: "checkbox" });
        var variantBoxes = [];
        var defaultOnly = product.variants.length === 1 && product.variants[0].title === "Default Title";
        var productLabel = element("label", {}, [productBox, document.createTextNode(" " + product.title)]);
        var row = element("li", {}, [productLabel]);
        if (showVariants && (!defaultOnly || byVariant)) {
          // A fieldset named by its legend (the product's own checkbox): a group per product, for scoping its variants.
          var variants = element("ul");
          var fieldset = element("fieldset", {}, [element("legend", {}, [productLabel]), variants]);
          row.appendChild(fieldset);
          product.variants.forEach(function (variant) {
            var box = element("input", { type: "checkbox" });
            box.addEventListener("change", function () {
              if (box.checked) selected[product.id][variant.id] = true;
              else delete selected[product.id][variant.id];
              refresh();
            });
            variantBoxes.push({ box: box, variant: variant });
            variants.appendChild(
              element("li", {}, [
                element("label", {}, [box, document.createTextNode(" " + variant.title)]),
                element("span", { class: "app-bridge-stub-picker-price", text: " " + variant.price }),
              ]),
            );
          });
        }
        productBox.addEventListener("change", function () {
          selected[product.id] = {};
          if (productBox.checked) {
            product.variants.forEach(function (variant) {
              selected[product.id][variant.id] = true;
            });
          }
          refresh();
        });
        list.appendChild(row);
        rows.push({ product: product, row: row, productBox: productBox, variantBoxes: variantBoxes });
      });

      function count() {
        return catalogue.reduce(function (total, product) {
          var chosen = Object.keys(selected[product.id]).length;
          return total + (byVariant ? chosen : chosen > 0 ? 1 : 0);
        }, 0);
      }

      function refresh() {
        var wanted = search.value.trim().toLowerCase();
        rows.forEach(function (entry) {
          var chosen = Object.keys(selected[entry.product.id]).length;
          entry.productBox.checked = chosen === entry.product.variants.length;
          entry.productBox.indeterminate = chosen > 0 && chosen < entry.product.variants.length;
          entry.variantBoxes.forEach(function (item) {
            item.box.checked = !!selected[entry.product.id][item.variant.id];
          });
          entry.row.hidden = wanted !== "" && entry.product.title.toLowerCase().indexOf(wanted) < 0;
        });
        var n = count();
        confirm.disabled = n > limit;
        var name = function (k) {
          return k + " " + (k === 1 ? noun.slice(0, -1) : noun);
        };
        status.textContent = n > limit ? "Select at most " + name(limit) + "." : name(n) + " selected";
      }

      function close(result) {
        document.removeEventListener("keydown", onKey, true);
        backdrop.remove();
        if (previousFocus && previousFocus.focus) previousFocus.focus();
        resolve(result);
      }

      function selection() {
        var chosen = [];
        catalogue.forEach(function (product) {
          var variants = product.variants
            .filter(function (variant) {
              return selected[product.id][variant.id];
            })
            .map(function (variant) {
              return { id: variant.id, title: variant.title, price: variant.price, displayName: product.title + " - " + variant.title };
            });
          if (variants.length === 0) return;
          if (byVariant) {
            variants.forEach(function (variant) {
              variant.product = { id: product.id, title: product.title };
              chosen.push(variant);
            });
            return;
          }
          chosen.push({
            id: product.id,
            title: product.title,
            handle: product.handle,
            status: "ACTIVE",
            totalVariants: product.variants.length,
            hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0].title === "Default Title",
            variants: variants,
            images: [],
          });
        });
        chosen.selection = chosen;
        return chosen;
      }

      function onKey(event) {
        if (event.key === "Escape") {
          event.preventDefault();
          close(undefined);
        }
      }

      search.addEventListener("input", refresh);
      cancel.addEventListener("click", function () {
        close(undefined);
      });
      confirm.addEventListener("click", function () {
        close(selection());
      });
      document.addEventListener("keydown", onKey, true);
      refresh();
      document.body.appendChild(backdrop);
      search.focus();
    });
  }

  var style = document.createElement("style");
  style.textContent =
    "ui-nav-menu{display:flex;gap:20px;padding:12px 20px;background:#1a1a1a;font:14px/1.4 sans-serif}" +
    "ui-nav-menu a{color:#fff;text-decoration:none}ui-nav-menu a:hover{text-decoration:underline}" +
    ".app-bridge-stub-picker-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:1000}" +
    ".app-bridge-stub-picker{background:#fff;border-radius:12px;padding:16px 20px;width:min(520px,92vw);max-height:85vh;display:flex;flex-direction:column;gap:10px;font:14px/1.4 sans-serif}" +
    ".app-bridge-stub-picker h2{margin:0;font-size:16px}.app-bridge-stub-picker input[type=search]{padding:6px 8px}" +
    ".app-bridge-stub-picker-list{list-style:none;margin:0;padding:0;overflow:auto}.app-bridge-stub-picker-list ul{list-style:none;padding-left:24px}" +
    ".app-bridge-stub-picker-list li{padding:3px 0}.app-bridge-stub-picker fieldset{border:0;margin:0;padding:0}.app-bridge-stub-picker legend{padding:0}.app-bridge-stub-picker-price{color:#616161}.app-bridge-stub-picker p{margin:0;color:#616161}" +
    ".app-bridge-stub-picker-actions{display:flex;justify-content:flex-end;gap:8px}";
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
