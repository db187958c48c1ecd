/* Maple & Moss demo shop: shared logic for every page.
   Plain ES5-style JavaScript, no dependencies. User input only ever reaches the
   DOM through textContent / value; the only markup inserted is the static
   product artwork from products.js and the static page chrome (CHROME below). */
(function () {
  'use strict';

  var PRODUCTS = window.SHOP_PRODUCTS || [];
  var CURRENCY = 'USD';
  var CART_KEY = 'mm_shop_cart';
  var REVIEWS_KEY = 'mm_shop_reviews';
  var NAV_FILTER_KEY = 'mm_shop_nav_filter';
  var COMPARE_KEY = 'mm_shop_compare';
  var MAX_COMPARE = 4;
  var MAX_QTY = 99;

  /* ---------- tracking (never allowed to break the page) ---------- */
  function track(name, props) {
    try {
      if (window.pulse && typeof window.pulse.track === 'function') window.pulse.track(name, props);
    } catch (e) { /* ignore */ }
  }
  function identify(userId, traits) {
    try {
      if (window.pulse && typeof window.pulse.identify === 'function') window.pulse.identify(userId, traits);
    } catch (e) { /* ignore */ }
  }

  /* ---------- storage (falls back to memory when storage is blocked) ---------- */
  var memory = {};
  function load(storage, key, fallback) {
    try {
      var raw = window[storage].getItem(key);
      return raw == null ? fallback : JSON.parse(raw);
    } catch (e) {
      return Object.prototype.hasOwnProperty.call(memory, storage + key) ? memory[storage + key] : fallback;
    }
  }
  function save(storage, key, value) {
    try { window[storage].setItem(key, JSON.stringify(value)); } catch (e) { memory[storage + key] = value; }
  }
  function drop(storage, key) {
    try { window[storage].removeItem(key); } catch (e) { /* ignore */ }
    delete memory[storage + key];
  }

  /* ---------- helpers ---------- */
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // el('div', {className: 'x', 'data-testid': 'y'}, [child, 'text'])
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v == null || v === false) return;
        if (k === 'className') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k.slice(0, 2) === 'on' && typeof v === 'function') node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c == null) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  var moneyFmt = (function () {
    try { return new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY }); } catch (e) { return null; }
  })();
  function money(n) { return moneyFmt ? moneyFmt.format(n) : '$' + Number(n).toFixed(2); }
  function round2(n) { return Math.round(n * 100) / 100; }

  function findProduct(id) {
    for (var i = 0; i < PRODUCTS.length; i++) if (PRODUCTS[i].id === id) return PRODUCTS[i];
    return null;
  }
  function unique(key) {
    var seen = {}, out = [];
    PRODUCTS.forEach(function (p) { if (!seen[p[key]]) { seen[p[key]] = 1; out.push(p[key]); } });
    return out;
  }
  function clampQty(n) {
    n = parseInt(n, 10);
    if (!isFinite(n) || n < 1) return 1;
    return Math.min(n, MAX_QTY);
  }
  function productUrl(p) { return 'product.html?id=' + encodeURIComponent(p.id); }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  function productArt(p, size) {
    var box = el('div', { className: 'art' + (size ? ' art-' + size : ''), 'aria-hidden': 'true' });
    box.style.background = p.bg || '#f1ede6';
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 160 160');
    svg.setAttribute('focusable', 'false');
    // Static, trusted artwork from products.js (never user input).
    svg.innerHTML = '<ellipse cx="80" cy="140" rx="52" ry="6" fill="#000" opacity=".07"/>' + p.art;
    box.appendChild(svg);
    return box;
  }

  /* ---------- cart ---------- */
  function getCart() {
    var raw = load('localStorage', CART_KEY, []);
    if (!Array.isArray(raw)) return [];
    var out = [];
    raw.forEach(function (line) {
      if (line && findProduct(line.id)) out.push({ id: line.id, qty: clampQty(line.qty) });
    });
    return out;
  }
  function setCart(lines) { save('localStorage', CART_KEY, lines); updateCartBadge(); }
  function cartLine(cart, id) {
    for (var i = 0; i < cart.length; i++) if (cart[i].id === id) return cart[i];
    return null;
  }
  function cartCount(cart) { return (cart || getCart()).reduce(function (s, l) { return s + l.qty; }, 0); }
  function cartTotal(cart) {
    return round2((cart || getCart()).reduce(function (s, l) { return s + findProduct(l.id).price * l.qty; }, 0));
  }
  // Adds qty units; returns the number actually added (bounded by MAX_QTY).
  function addToCart(id, qty) {
    var cart = getCart();
    var line = cartLine(cart, id);
    var before = line ? line.qty : 0;
    var after = Math.min(before + qty, MAX_QTY);
    if (line) line.qty = after; else cart.push({ id: id, qty: after });
    setCart(cart);
    return after - before;
  }
  function trackAdd(p, qty) {
    if (qty <= 0) return;
    track('add_to_cart', { product_id: p.id, category: p.category, brand: p.brand, price: p.price, quantity: qty });
  }
  function trackRemove(p, qty) {
    if (qty <= 0) return;
    track('remove_from_cart', { product_id: p.id, category: p.category, price: p.price, quantity: qty });
  }

  function updateCartBadge() {
    var n = cartCount();
    $all('[data-testid="cart-count"]').forEach(function (b) {
      b.textContent = String(n);
      b.classList.toggle('is-empty', n === 0);
    });
    var link = $('[data-testid="cart-link"]');
    if (link) link.setAttribute('aria-label', 'Cart, ' + n + (n === 1 ? ' item' : ' items'));
  }

  /* ---------- page chrome: the one copy of the shop's header and footer markup ----------
     Every shop page carries only empty placeholders, which renderChrome() fills
     synchronously when this script runs (before initChrome wires any listener):
       <div class="announce" data-chrome="announce"></div>
       <header class="site-header" data-chrome="header"></header>
       <footer class="site-footer" data-chrome="footer"></footer>
     Static, trusted markup (never user input); links are relative to the shop folder.
     Lines are kept with their original indentation so the rendered DOM matches the
     markup the pages used to carry. */
  var CHROME = {
    announce: '<div class="container">Free shipping on every order<span class="announce-more"> &middot; 30-day returns &middot; Real people on the phone, 9&ndash;6 ET</span><span class="announce-short"> &middot; 30-day returns</span></div>',
    header: [
      '  <div class="container header-inner">',
      '    <a class="logo" href="index.html" data-testid="logo" aria-label="Maple &amp; Moss home">',
      '      <svg class="logo-mark" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="9" fill="#24443a"/><path d="M16 6c6 4 8 10 4 16-2 3-6 4-8 2s0-8 4-18z" fill="#e9d8b4"/><path d="M13 25c1-6 2-10 5-14" stroke="#24443a" stroke-width="1.6" fill="none" stroke-linecap="round"/></svg>',
      '      <span class="logo-text">Maple <em>&amp;</em> Moss</span>',
      '    </a>',
      '    <nav class="main-nav" aria-label="Shop categories">',
      '      <a href="index.html" data-testid="nav-all">Shop all</a>',
      '      <a href="index.html?category=Coffee" data-nav-category="Coffee" data-testid="nav-coffee">Coffee</a>',
      '      <a href="index.html?category=Kitchen" data-nav-category="Kitchen" data-testid="nav-kitchen">Kitchen</a>',
      '      <a href="index.html?category=Outdoor" data-nav-category="Outdoor" data-testid="nav-outdoor">Outdoor</a>',
      '      <a href="index.html?category=Audio" data-nav-category="Audio" data-testid="nav-audio">Audio</a>',
      '    </nav>',
      '    <div class="header-actions">',
      '      <a class="phone-link" id="phone-link" href="tel:+15550102030" data-testid="phone-link" aria-label="Call us: +1 (555) 010-2030">',
      '        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" fill="currentColor"/></svg>',
      '        <span class="phone-number">+1 (555) 010-2030</span>',
      '      </a>',
      '      <a class="cart-link" id="cart-link" href="cart.html" data-testid="cart-link" aria-label="Cart">',
      '        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 7h12l-1 13H7z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/><path d="M9 9V6a3 3 0 0 1 6 0v3" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>',
      '        <span class="cart-label">Cart</span>',
      '        <span class="cart-count is-empty" id="cart-count" data-testid="cart-count">0</span>',
      '      </a>',
      '    </div>',
      '  </div>'
    ],
    footer: [
      '  <div class="container footer-grid">',
      '    <div class="footer-about">',
      '      <a class="logo logo-footer" href="index.html"><span class="logo-text">Maple <em>&amp;</em> Moss</span></a>',
      '      <p>Small-batch goods for slow mornings and long weekends. Chosen by two people in Burlington, Vermont, and shipped with care.</p>',
      '      <p class="footer-contact">Call us <a href="tel:+15550102030">+1 (555) 010-2030</a><br>Mon&ndash;Fri, 9am&ndash;6pm ET</p>',
      '    </div>',
      '    <nav class="footer-links" aria-label="Footer">',
      '      <h2>Shop</h2>',
      '      <a href="index.html?category=Coffee">Coffee</a>',
      '      <a href="index.html?category=Kitchen">Kitchen</a>',
      '      <a href="index.html?category=Outdoor">Outdoor</a>',
      '      <a href="index.html?category=Audio">Audio</a>',
      '      <a href="cart.html">Your cart</a>',
      '      <a href="account/">Your account</a>',
      '    </nav>',
      '    <form class="newsletter" id="newsletter" data-testid="newsletter-form">',
      '      <h2>The Sunday letter</h2>',
      '      <p>New arrivals, brewing guides and one honest recommendation a week. No spam, unsubscribe anytime.</p>',
      '      <label class="visually-hidden" for="newsletter-email">Email address</label>',
      '      <div class="inline-field">',
      '        <input type="email" id="newsletter-email" name="email" placeholder="you@example.com" autocomplete="email" required maxlength="254" data-testid="newsletter-email">',
      '        <button class="btn btn-primary" type="submit" data-testid="newsletter-submit">Subscribe</button>',
      '      </div>',
      '      <p class="form-note" data-testid="newsletter-message" role="status" aria-live="polite"></p>',
      '    </form>',
      '  </div>',
      '  <div class="container footer-bottom">',
      '    <span>&copy; <span data-year>2025</span> Maple &amp; Moss. A demo shop for Pulse.</span>',
      '    <span>Prices in USD &middot; Secure checkout</span>',
      '  </div>'
    ]
  };

  function renderChrome() {
    $all('[data-chrome]').forEach(function (slot) {
      var markup = CHROME[slot.getAttribute('data-chrome')];
      if (markup == null || slot.children.length) return; // unknown slot, or already rendered
      // Static markup from CHROME above, never user input.
      slot.innerHTML = typeof markup === 'string' ? markup : '\n' + markup.join('\n') + '\n';
    });
  }

  /* ---------- shared chrome: header, nav, newsletter ---------- */
  function initChrome(page) {
    updateCartBadge();
    window.addEventListener('storage', function (e) { if (e.key === CART_KEY) updateCartBadge(); });

    // Header phone number (and the footer one): read the number at click time,
    // so a swapped-in call-tracking number is the one reported.
    $all('a[href^="tel:"]').forEach(function (link) {
      link.addEventListener('click', function () {
        var href = link.getAttribute('href') || '';
        track('call_click', { phone: href.replace(/^tel:/, '') || link.textContent.trim() });
      });
    });

    var params = new URLSearchParams(location.search);
    var navAll = $('[data-testid="nav-all"]');
    if (navAll && page === 'catalog' && !params.get('category')) navAll.setAttribute('aria-current', 'page');
    $all('[data-nav-category]').forEach(function (a) {
      var cat = a.getAttribute('data-nav-category');
      if (page === 'catalog' && a.closest('.main-nav') && (params.get('category') || '') === cat) a.setAttribute('aria-current', 'page');
      a.addEventListener('click', function () { save('sessionStorage', NAV_FILTER_KEY, cat); });
    });

    var year = $('[data-year]');
    if (year) year.textContent = String(new Date().getFullYear());

    // No tracking code for the newsletter or Compare: Pulse's event wizard captures both (rules
    // newsletter_signup and compare). The browser's own check of the email field comes first, so
    // only a valid address submits the form and fires the rule.
    document.addEventListener('click', function (e) {
      var button = e.target.closest && e.target.closest('[data-action="compare"]');
      if (button) toggleCompare(button.getAttribute('data-product-id'));
    });
    paintCompare();

    var form = $('[data-testid="newsletter-form"]');
    if (form) {
      var email = $('[data-testid="newsletter-email"]', form);
      var msg = $('[data-testid="newsletter-message"]', form);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var value = email.value.trim();
        if (!isEmail(value)) {
          msg.textContent = 'Please enter a valid email address.';
          msg.className = 'form-note is-error';
          email.setAttribute('aria-invalid', 'true');
          email.focus();
          return;
        }
        email.removeAttribute('aria-invalid');
        form.reset();
        msg.textContent = 'Thanks! You\u2019re on the list \u2014 look out for our next letter.';
        msg.className = 'form-note is-success';
        form.classList.add('is-done');
      });
    }
  }

  /* ---------- compare: up to four products kept on this device ---------- */
  function getCompare() {
    var list = load('localStorage', COMPARE_KEY, []);
    return Array.isArray(list) ? list.filter(function (id) { return findProduct(id); }) : [];
  }
  function toggleCompare(id) {
    if (!findProduct(id)) return;
    var list = getCompare();
    var at = list.indexOf(id);
    if (at >= 0) list.splice(at, 1);
    else list = list.concat(id).slice(-MAX_COMPARE);
    save('localStorage', COMPARE_KEY, list);
    paintCompare();
  }
  function paintCompare() {
    var list = getCompare();
    $all('[data-action="compare"]').forEach(function (button) {
      var on = list.indexOf(button.getAttribute('data-product-id')) >= 0;
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      $('.compare-label', button).textContent = on ? 'Comparing' : 'Compare';
    });
  }
  function compareIcon() {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    // Static, trusted artwork: two arrows passing each other.
    svg.innerHTML = '<path d="M4 8h13l-3.5-3.5M20 16H7l3.5 3.5" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round"/>';
    return svg;
  }
  function compareButton(p, className) {
    var on = getCompare().indexOf(p.id) >= 0;
    return el('button', {
      type: 'button', className: className, 'data-action': 'compare', 'data-product-id': p.id,
      'aria-pressed': on ? 'true' : 'false', 'aria-label': 'Compare ' + p.name, 'data-testid': 'compare'
    }, [compareIcon(), el('span', { className: 'compare-label', text: on ? 'Comparing' : 'Compare' })]);
  }

  function isEmail(s) { return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= 254; }

  function fillSelect(select, values, allLabel) {
    select.appendChild(el('option', { value: '', text: allLabel }));
    values.forEach(function (v) { select.appendChild(el('option', { value: v, text: v })); });
  }

  /* ---------- product card ---------- */
  function productCard(p) {
    var addBtn = el('button', {
      type: 'button', className: 'btn btn-small btn-ghost card-add',
      'data-testid': 'card-add-to-cart', 'data-product-id': p.id,
      'aria-label': 'Add ' + p.name + ' to cart', text: 'Add to cart'
    });
    addBtn.addEventListener('click', function () {
      var added = addToCart(p.id, 1);
      trackAdd(p, added);
      addBtn.textContent = added > 0 ? 'Added \u2713' : 'Cart is full';
      addBtn.classList.add('is-added');
      setTimeout(function () { addBtn.textContent = 'Add to cart'; addBtn.classList.remove('is-added'); }, 1600);
    });
    var art = el('a', { href: productUrl(p), className: 'card-media', tabindex: '-1' }, [productArt(p)]);
    if (p.tag) art.appendChild(el('span', { className: 'badge', text: p.tag }));
    return el('article', { className: 'card', 'data-testid': 'product-card', 'data-product-id': p.id }, [
      art,
      compareButton(p, 'compare-chip'),
      el('div', { className: 'card-body' }, [
        el('p', { className: 'card-brand' }, [
          el('span', { text: p.brand }),
          el('span', { className: 'card-cat', text: ' \u00b7 ' + p.category })
        ]),
        el('h3', { className: 'card-title' }, [
          el('a', { href: productUrl(p), 'data-testid': 'product-link', text: p.name })
        ]),
        el('div', { className: 'card-foot' }, [
          el('span', { className: 'price', 'data-testid': 'card-price', text: money(p.price) }),
          addBtn
        ])
      ])
    ]);
  }

  /* ---------- catalog (index.html) ---------- */
  function initCatalog() {
    var params = new URLSearchParams(location.search);
    var categories = unique('category');
    var brands = unique('brand');
    var state = {
      q: (params.get('q') || '').slice(0, 100),
      category: categories.indexOf(params.get('category')) >= 0 ? params.get('category') : '',
      brand: brands.indexOf(params.get('brand')) >= 0 ? params.get('brand') : '',
      sort: ['asc', 'desc'].indexOf(params.get('sort')) >= 0 ? params.get('sort') : ''
    };

    var form = $('[data-testid="search-form"]');
    var input = $('[data-testid="search-input"]');
    var catSel = $('[data-testid="category-filter"]');
    var brandSel = $('[data-testid="brand-filter"]');
    var sortSel = $('[data-testid="sort-select"]');
    var grid = $('[data-testid="product-grid"]');
    var count = $('[data-testid="result-count"]');
    var empty = $('[data-testid="empty-results"]');
    var title = $('#catalog-title');

    fillSelect(catSel, categories, 'All categories');
    fillSelect(brandSel, brands, 'All brands');
    input.value = state.q;
    catSel.value = state.category;
    brandSel.value = state.brand;
    sortSel.value = state.sort;

    function syncUrl() {
      var p = new URLSearchParams();
      if (state.q) p.set('q', state.q);
      if (state.category) p.set('category', state.category);
      if (state.brand) p.set('brand', state.brand);
      if (state.sort) p.set('sort', state.sort);
      var qs = p.toString();
      try { history.replaceState(null, '', qs ? '?' + qs : location.pathname); } catch (e) { /* ignore */ }
      $all('.main-nav a').forEach(function (a) {
        if ((a.getAttribute('data-nav-category') || '') === state.category) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      });
    }

    function render() {
      var q = state.q.toLowerCase();
      var list = PRODUCTS.filter(function (p) {
        if (state.category && p.category !== state.category) return false;
        if (state.brand && p.brand !== state.brand) return false;
        if (q) {
          var hay = (p.name + ' ' + p.brand + ' ' + p.category + ' ' + p.description).toLowerCase();
          if (hay.indexOf(q) < 0) return false;
        }
        return true;
      });
      if (state.sort === 'asc') list.sort(function (a, b) { return a.price - b.price; });
      if (state.sort === 'desc') list.sort(function (a, b) { return b.price - a.price; });

      grid.textContent = '';
      list.forEach(function (p) { grid.appendChild(productCard(p)); });
      count.textContent = list.length + (list.length === 1 ? ' product' : ' products');
      empty.hidden = list.length > 0;
      title.textContent = state.category || 'All products';
      document.body.classList.toggle('is-filtered', !!(state.q || state.category || state.brand));
    }

    function trackFilter() {
      var props = {};
      if (state.category) props.category = state.category;
      if (state.brand) props.brand = state.brand;
      if (props.category || props.brand) track('filter', props);
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      state.q = input.value.trim().slice(0, 100);
      render();
      syncUrl();
      if (state.q) track('search', { query: state.q });
    });
    // Live results while typing; the search event is sent on submit only.
    input.addEventListener('input', function () {
      state.q = input.value.trim().slice(0, 100);
      render();
      syncUrl();
    });
    catSel.addEventListener('change', function () {
      state.category = catSel.value;
      render(); syncUrl(); trackFilter();
    });
    brandSel.addEventListener('change', function () {
      state.brand = brandSel.value;
      render(); syncUrl(); trackFilter();
    });
    sortSel.addEventListener('change', function () {
      state.sort = sortSel.value;
      render(); syncUrl();
      if (state.sort) track('sort', { by: 'price', order: state.sort });
    });
    $all('[data-clear-filters]').forEach(function (b) {
      b.addEventListener('click', function () {
        state.q = ''; state.category = ''; state.brand = '';
        input.value = ''; catSel.value = ''; brandSel.value = '';
        render(); syncUrl();
      });
    });

    var hero = $('[data-hero]');
    if (hero) {
      hero.getAttribute('data-hero').split(',').forEach(function (id, i) {
        var p = findProduct(id);
        if (p) hero.appendChild(el('div', { className: 'hero-tile hero-tile-' + (i + 1) }, [productArt(p)]));
      });
    }

    render();

    // A category chosen from the header nav counts as a filter action (once, not on reloads).
    var navCat = load('sessionStorage', NAV_FILTER_KEY, null);
    if (navCat != null) {
      drop('sessionStorage', NAV_FILTER_KEY);
      if (navCat && navCat === state.category) trackFilter();
    }
  }

  /* ---------- reviews ---------- */
  function getReviews(productId) {
    var all = load('localStorage', REVIEWS_KEY, {});
    var list = all && Array.isArray(all[productId]) ? all[productId] : [];
    return list.filter(function (r) { return r && r.rating >= 1 && r.rating <= 5 && typeof r.text === 'string'; });
  }
  function saveReview(productId, review) {
    var all = load('localStorage', REVIEWS_KEY, {});
    if (!all || typeof all !== 'object' || Array.isArray(all)) all = {};
    var list = Array.isArray(all[productId]) ? all[productId] : [];
    list.unshift(review);
    all[productId] = list.slice(0, 50);
    save('localStorage', REVIEWS_KEY, all);
  }
  function stars(n) {
    var s = '';
    for (var i = 1; i <= 5; i++) s += i <= n ? '\u2605' : '\u2606';
    return s;
  }

  /* ---------- product page ---------- */
  function initProduct() {
    var id = new URLSearchParams(location.search).get('id');
    var p = findProduct(id);
    var view = $('[data-testid="product-detail"]');
    var missing = $('[data-testid="product-missing"]');
    if (!p) {
      view.hidden = true;
      missing.hidden = false;
      document.title = 'Product not found \u2014 Maple & Moss';
      return;
    }
    document.title = p.name + ' \u2014 Maple & Moss';
    view.setAttribute('data-product-id', p.id);

    var crumbCat = $('[data-testid="breadcrumb-category"]');
    crumbCat.textContent = p.category;
    crumbCat.setAttribute('href', 'index.html?category=' + encodeURIComponent(p.category));
    $('[data-testid="breadcrumb-name"]').textContent = p.name;

    var media = $('#product-media');
    media.appendChild(productArt(p, 'large'));
    if (p.tag) media.appendChild(el('span', { className: 'badge', text: p.tag }));

    $('[data-testid="product-brand"]').textContent = p.brand;
    $('[data-testid="product-name"]').textContent = p.name;
    var cat = $('[data-testid="product-category"]');
    cat.textContent = p.category;
    cat.setAttribute('href', 'index.html?category=' + encodeURIComponent(p.category));
    $('[data-testid="product-price"]').textContent = money(p.price);
    $('[data-testid="product-description"]').textContent = p.description;
    $('[data-testid="product-actions"]').appendChild(compareButton(p, 'btn btn-ghost compare-btn'));

    track('product_view', { product_id: p.id, name: p.name, category: p.category, brand: p.brand, price: p.price });

    // quantity + add to cart
    var qty = $('[data-testid="quantity-input"]');
    $('[data-testid="qty-minus"]').addEventListener('click', function () { qty.value = Math.max(1, clampQty(qty.value) - 1); });
    $('[data-testid="qty-plus"]').addEventListener('click', function () { qty.value = Math.min(MAX_QTY, clampQty(qty.value) + 1); });
    qty.addEventListener('change', function () { qty.value = clampQty(qty.value); });

    var notice = $('[data-testid="added-notice"]');
    var noticeText = $('#added-text');
    $('[data-testid="add-form"]').addEventListener('submit', function (e) {
      e.preventDefault();
      var n = clampQty(qty.value);
      qty.value = n;
      var added = addToCart(p.id, n);
      trackAdd(p, added);
      noticeText.textContent = added > 0
        ? 'Added ' + added + ' \u00d7 ' + p.name + ' to your cart.'
        : 'You already have the maximum quantity of this item in your cart.';
      notice.hidden = false;
      notice.classList.remove('pop'); void notice.offsetWidth; notice.classList.add('pop');
    });

    // reviews
    var list = $('[data-testid="review-list"]');
    var summary = $('[data-testid="review-summary"]');
    function renderReviews() {
      var reviews = getReviews(p.id);
      list.textContent = '';
      if (!reviews.length) {
        summary.textContent = 'No reviews yet \u2014 be the first to share what you think.';
        $('#rating-inline').textContent = 'No reviews yet';
        return;
      }
      var avg = reviews.reduce(function (s, r) { return s + r.rating; }, 0) / reviews.length;
      var label = avg.toFixed(1) + ' out of 5 \u00b7 ' + reviews.length + (reviews.length === 1 ? ' review' : ' reviews');
      [summary, $('#rating-inline')].forEach(function (box) {
        box.textContent = '';
        box.appendChild(el('span', { className: 'stars', 'aria-hidden': 'true', text: stars(Math.round(avg)) }));
        box.appendChild(document.createTextNode(' ' + label));
      });
      reviews.forEach(function (r) {
        list.appendChild(el('li', { className: 'review', 'data-testid': 'review-item' }, [
          el('div', { className: 'review-head' }, [
            el('span', { className: 'stars', 'aria-label': r.rating + ' out of 5 stars', text: stars(r.rating) }),
            el('strong', { className: 'review-author', text: r.author || 'Anonymous' }),
            el('span', { className: 'review-date', text: r.date || '' })
          ]),
          el('p', { className: 'review-text', text: r.text })
        ]));
      });
    }
    renderReviews();

    var rform = $('[data-testid="review-form"]');
    var rmsg = $('[data-testid="review-message"]');
    rform.addEventListener('submit', function (e) {
      e.preventDefault();
      var checked = $('input[name="rating"]:checked', rform);
      var rating = checked ? parseInt(checked.value, 10) : 0;
      var text = $('[data-testid="review-text"]', rform).value.trim().slice(0, 1000);
      var author = $('[data-testid="review-name"]', rform).value.trim().slice(0, 60);
      if (!(rating >= 1 && rating <= 5)) { rmsg.textContent = 'Please choose a rating from 1 to 5 stars.'; rmsg.className = 'form-note is-error'; return; }
      if (!text) { rmsg.textContent = 'Please write a few words about the product.'; rmsg.className = 'form-note is-error'; return; }
      var date;
      try { date = new Date().toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' }); } catch (err) { date = ''; }
      saveReview(p.id, { rating: rating, text: text, author: author, date: date });
      track('review', { product_id: p.id, rating: rating, text: text });
      rform.reset();
      rmsg.textContent = 'Thank you! Your review has been posted.';
      rmsg.className = 'form-note is-success';
      renderReviews();
    });

    // related products
    // Same category first, then the same brand, then anything else: always four.
    var rank = function (x) { return x.category === p.category ? 0 : x.brand === p.brand ? 1 : 2; };
    var related = PRODUCTS.filter(function (x) { return x.id !== p.id; })
      .map(function (x, i) { return { x: x, r: rank(x), i: i }; })
      .sort(function (a, b) { return a.r - b.r || a.i - b.i; })
      .slice(0, 4).map(function (o) { return o.x; });
    var rgrid = $('[data-testid="related-grid"]');
    related.forEach(function (x) { rgrid.appendChild(productCard(x)); });
  }

  /* ---------- cart page ---------- */
  function initCart() {
    var linesBox = $('[data-testid="cart-lines"]');
    var emptyBox = $('[data-testid="cart-empty"]');
    var filled = $('#cart-filled');

    function changeQty(p, newQty) {
      var cart = getCart();
      var line = cartLine(cart, p.id);
      if (!line) return;
      newQty = clampQty(newQty);
      var delta = newQty - line.qty;
      line.qty = newQty;
      setCart(cart);
      if (delta > 0) trackAdd(p, delta);
      if (delta < 0) trackRemove(p, -delta);
      render();
    }
    function removeLine(p) {
      var cart = getCart();
      var line = cartLine(cart, p.id);
      if (!line) return;
      setCart(cart.filter(function (l) { return l.id !== p.id; }));
      trackRemove(p, line.qty);
      render();
    }

    function render() {
      var cart = getCart();
      linesBox.textContent = '';
      emptyBox.hidden = cart.length > 0;
      filled.hidden = cart.length === 0;
      cart.forEach(function (l) {
        var p = findProduct(l.id);
        var input = el('input', {
          type: 'number', min: '1', max: String(MAX_QTY), value: String(l.qty), inputmode: 'numeric',
          className: 'qty-input', 'data-testid': 'cart-qty-input', 'aria-label': 'Quantity of ' + p.name
        });
        input.addEventListener('change', function () { changeQty(p, input.value); });
        linesBox.appendChild(el('li', { className: 'cart-line', 'data-testid': 'cart-line', 'data-product-id': p.id }, [
          el('a', { href: productUrl(p), className: 'cart-thumb', tabindex: '-1' }, [productArt(p, 'thumb')]),
          el('div', { className: 'cart-info' }, [
            el('a', { href: productUrl(p), className: 'cart-name', 'data-testid': 'cart-line-name', text: p.name }),
            el('p', { className: 'muted small', text: p.brand + ' \u00b7 ' + money(p.price) + ' each' }),
            el('button', {
              type: 'button', className: 'link-btn', 'data-testid': 'remove-from-cart', 'data-product-id': p.id,
              'aria-label': 'Remove ' + p.name + ' from cart', text: 'Remove', onclick: function () { removeLine(p); }
            })
          ]),
          el('div', { className: 'stepper' }, [
            el('button', {
              type: 'button', className: 'step', 'data-testid': 'cart-qty-minus', 'aria-label': 'Decrease quantity',
              text: '\u2212', disabled: l.qty <= 1, onclick: function () { changeQty(p, l.qty - 1); }
            }),
            input,
            el('button', {
              type: 'button', className: 'step', 'data-testid': 'cart-qty-plus', 'aria-label': 'Increase quantity',
              text: '+', disabled: l.qty >= MAX_QTY, onclick: function () { changeQty(p, l.qty + 1); }
            })
          ]),
          el('div', { className: 'cart-line-total', 'data-testid': 'cart-line-total', text: money(p.price * l.qty) })
        ]));
      });
      var n = cartCount(cart);
      $('[data-testid="cart-items"]').textContent = n + (n === 1 ? ' item' : ' items');
      $('[data-testid="cart-subtotal"]').textContent = money(cartTotal(cart));
      $('[data-testid="cart-total"]').textContent = money(cartTotal(cart));
    }
    render();
    window.addEventListener('storage', function (e) { if (e.key === CART_KEY) render(); });
  }

  /* ---------- checkout ---------- */
  function orderSummary(box, cart) {
    box.textContent = '';
    cart.forEach(function (l) {
      var p = findProduct(l.id);
      box.appendChild(el('li', { className: 'summary-line' }, [
        el('div', { className: 'summary-thumb' }, [productArt(p, 'thumb'), el('span', { className: 'qty-bubble', text: String(l.qty) })]),
        el('div', { className: 'summary-name' }, [
          el('span', { text: p.name }),
          el('span', { className: 'muted small', text: p.brand })
        ]),
        el('span', { className: 'summary-price', text: money(p.price * l.qty) })
      ]));
    });
  }

  function newOrderId() {
    var rand = '';
    try {
      var a = new Uint32Array(1);
      window.crypto.getRandomValues(a);
      rand = a[0].toString(36);
    } catch (e) { rand = Math.floor(Math.random() * 1e9).toString(36); }
    return ('MM-' + Date.now().toString(36) + '-' + rand.slice(0, 4)).toUpperCase();
  }

  function initCheckout() {
    var cart = getCart();
    var emptyBox = $('[data-testid="checkout-empty"]');
    var main = $('#checkout-main');
    var done = $('[data-testid="order-confirmation"]');

    if (!cart.length) { emptyBox.hidden = false; main.hidden = true; return; }

    var total = cartTotal(cart);
    var count = cartCount(cart);
    orderSummary($('[data-testid="order-summary"]'), cart);
    $('[data-testid="checkout-total"]').textContent = money(total);
    $('[data-testid="checkout-subtotal"]').textContent = money(total);
    $('#checkout-count').textContent = count + (count === 1 ? ' item' : ' items');

    track('checkout_start', { value: total, currency: CURRENCY, items: count });

    var form = $('[data-testid="checkout-form"]');
    var fields = {
      name: $('[data-testid="checkout-name"]'),
      email: $('[data-testid="checkout-email"]'),
      phone: $('[data-testid="checkout-phone"]')
    };
    function setError(key, message) {
      var f = fields[key];
      var note = $('#' + f.id + '-error');
      note.textContent = message || '';
      if (message) f.setAttribute('aria-invalid', 'true'); else f.removeAttribute('aria-invalid');
      return !message;
    }
    var checks = {
      name: function (v) { return v ? '' : 'Please enter your name.'; },
      email: function (v) { return isEmail(v) ? '' : 'Please enter a valid email address.'; },
      phone: function (v) {
        return /^[+()\-.\s\d]{7,30}$/.test(v) && v.replace(/\D/g, '').length >= 7 ? '' : 'Please enter a phone number we can reach you on.';
      }
    };
    function validate() {
      var ok = true;
      Object.keys(fields).forEach(function (k) { ok = setError(k, checks[k](fields[k].value.trim())) && ok; });
      return ok;
    }
    // Clear a field's error as soon as it is fixed (while typing, never on blur,
    // so the Place order button does not jump under the pointer).
    Object.keys(fields).forEach(function (k) {
      fields[k].addEventListener('input', function () {
        if (fields[k].getAttribute('aria-invalid') && !checks[k](fields[k].value.trim())) setError(k, '');
      });
    });

    var placing = false;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (placing) return;
      if (!validate()) {
        var bad = $('[aria-invalid="true"]', form);
        if (bad) bad.focus();
        return;
      }
      var current = getCart();
      if (!current.length) { location.reload(); return; }
      placing = true;

      var name = fields.name.value.trim().slice(0, 100);
      var email = fields.email.value.trim().toLowerCase().slice(0, 254);
      var phone = fields.phone.value.trim().slice(0, 30);
      var orderId = newOrderId();
      var value = cartTotal(current);
      var items = current.map(function (l) {
        var p = findProduct(l.id);
        return { product_id: p.id, category: p.category, brand: p.brand, price: p.price, quantity: l.qty };
      });

      identify(email, { name: name, email: email, phone: phone });
      track('purchase', { order_id: orderId, value: value, currency: CURRENCY, items: items });

      setCart([]);
      main.hidden = true;
      done.hidden = false;
      $('[data-testid="order-id"]').textContent = orderId;
      $('#confirm-name').textContent = name.split(/\s+/)[0];
      $('#confirm-email').textContent = email;
      $('#confirm-total').textContent = money(value);
      orderSummary($('#confirm-summary'), current);
      document.title = 'Order confirmed \u2014 Maple & Moss';
      try { window.scrollTo(0, 0); } catch (err) { /* ignore */ }
      var h = $('#confirm-title');
      if (h) h.focus();
    });
  }

  /* ---------- boot ---------- */
  function boot() {
    var page = document.body.getAttribute('data-page');
    renderChrome(); // no-op when already rendered below; covers a script loaded before the placeholders
    try { initChrome(page); } catch (e) { if (window.console) console.error(e); }
    var inits = { catalog: initCatalog, product: initProduct, cart: initCart, checkout: initCheckout };
    if (inits[page]) inits[page]();
  }
  // Render the header and footer now, synchronously (this script sits at the end of
  // <body>), so the chrome is in place without waiting for DOMContentLoaded.
  try { renderChrome(); } catch (e) { if (window.console) console.error(e); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
