// scoperef search. Enhances every <form role="search" data-index="URL"> holding an
// <input type="search">: the index (built by internal/search) is fetched from URL, on the same
// site only, when the input first gets focus or input; results show in a listbox under the
// input (combobox pattern: ArrowDown/ArrowUp move, Enter opens, Escape closes).
//
// Optional attributes on the form give the messages in the page's language:
//   data-msg-loading   while the index loads            (default "Loading…")
//   data-msg-empty     no result                         (default "No results")
//   data-msg-error     the index could not be loaded     (default "Search is unavailable")
//   data-msg-results   "{count} results"                 (default "{count} results")
//   data-msg-result    one result                        (default data-msg-results)
// A form with the hidden attribute is shown once enhanced, so it can be hidden without script.
// Classes for styling: search-results (the listbox), search-result (an option; the active one
// has aria-selected="true"), search-result-title, search-result-page, search-result-snippet,
// search-status.
//
// tokens, phrase and search implement exactly internal/search's Tokens and Search (see its
// package documentation); TestJSMatchesGo runs this file under node to check it.
(function () {
  "use strict";

  var MAX_TOKEN = 100, MAX_RESULTS = 10, FORMAT = 1;
  var HALFWIDTH = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン\u3099\u309a";
  var LATIN_FOLD = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.................................oo.............uu............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................";
  var VOICED = "カキクケコサシスセソタチツテトハヒフヘホ", SEMI_VOICED = "ハヒフヘホ";
  var ELIDED = {qu: true, jusqu: true, lorsqu: true, puisqu: true, quoiqu: true};
  var WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
  var SEP = 0, WORD = 1, JOIN = 2, CJK = 3;

  // fold is Go's fold: one code point in, one out.
  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c === 0x3000) c = 32;
    else if (c >= 0xFF61 && c <= 0xFF9F) c = HALFWIDTH.charCodeAt(c - 0xFF61);
    else if (c === 0x2018 || c === 0x2019) c = 39;
    if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
    var s = String.fromCodePoint(c), l = s.toLowerCase();
    if (l !== s) c = l.codePointAt(0); // U+0130 → "i̇": the simple mapping is its first code point
    if (c >= 0xC0 && c < 0x250) {
      var f = LATIN_FOLD.charCodeAt(c - 0xC0);
      if (f !== 46) c = f;
    }
    return c;
  }

  function compose(p, c) {
    var set, add;
    if (c === 0x3099 || c === 0x309B) {
      if (p === 0x30A6) return 0x30F4; // ウ → ヴ
      if (p === 0x3046) return 0x3094; // う → ゔ
      set = VOICED; add = 1;
    } else if (c === 0x309A || c === 0x309C) {
      set = SEMI_VOICED; add = 2;
    } else {
      return 0;
    }
    var k = p >= 0x3041 && p <= 0x3096 ? p + 0x60 : p;
    return set.indexOf(String.fromCodePoint(k)) >= 0 ? p + add : 0;
  }

  function normalize(s) {
    var out = [];
    for (var ch of s) {
      var c = fold(ch.codePointAt(0)), n = out.length;
      var p = n > 0 ? compose(out[n - 1], c) : 0;
      if (p !== 0) out[n - 1] = p;
      else out.push(c);
    }
    return out;
  }

  function isCJK(c) {
    if (c < 0x1100) return false;
    if (c <= 0x11FF) return true;
    if (c >= 0x3005 && c <= 0x3007) return true;
    if (c >= 0x3041 && c <= 0x309F) return true;
    if (c >= 0x30A1 && c <= 0x30FF) return c !== 0x30FB;
    if (c >= 0x3130 && c <= 0x318F) return true;
    if (c >= 0x31F0 && c <= 0x31FF) return true;
    if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)) return true;
    if ((c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF)) return true;
    if ((c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF)) return true;
    return false;
  }

  function cls(c) {
    if (isCJK(c)) return CJK;
    // _ - : . / { } @
    if (c === 95 || c === 45 || c === 58 || c === 46 || c === 47 || c === 123 || c === 125 || c === 64) return JOIN;
    if (WORD_CHAR.test(String.fromCodePoint(c))) return WORD;
    return SEP;
  }

  function str(cps, a, b) {
    return String.fromCodePoint.apply(null, cps.slice(a, b));
  }

  function tokens(lang, text) {
    var cps = normalize(text), out = [];
    for (var i = 0; i < cps.length;) {
      var k = cls(cps[i]), j = i + 1;
      if (k === CJK) {
        while (j < cps.length && cls(cps[j]) === CJK) j++;
        if (j - i === 1) out.push(str(cps, i, j));
        for (var m = i; m + 1 < j; m++) out.push(str(cps, m, m + 2));
        i = j;
      } else if (k === WORD || k === JOIN) {
        while (j < cps.length && (cls(cps[j]) === WORD || cls(cps[j]) === JOIN)) j++;
        compound(out, lang, cps.slice(i, j), j < cps.length ? cps[j] : 0);
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  function compound(out, lang, run, next) {
    var s = 0, e = run.length;
    while (s < e && cls(run[s]) === JOIN && run[s] !== 47 && run[s] !== 123) s++;
    while (e > s && cls(run[e - 1]) === JOIN && run[e - 1] !== 125) e--;
    var hasJoin = false, hasWord = false;
    for (var i = s; i < e; i++) {
      if (cls(run[i]) === JOIN) hasJoin = true;
      else hasWord = true;
    }
    if (hasJoin && hasWord && e - s <= MAX_TOKEN) out.push(str(run, s, e));
    var param = false; // inside {…}: a path parameter
    for (var a = s; a < e;) {
      if (cls(run[a]) !== WORD) {
        param = run[a] === 123 || (param && run[a] !== 125);
        a++;
        continue;
      }
      var b = a + 1;
      while (b < e && cls(run[b]) === WORD) b++;
      var w = str(run, a, b), n = b - a;
      if (param) {
        // skipped
      } else if (n === 1 && (run[a] < 48 || run[a] > 57)) {
        // one letter
      } else if (n > MAX_TOKEN) {
        // too long
      } else if (lang === "fr" && b === run.length && next === 39 && Object.prototype.hasOwnProperty.call(ELIDED, w)) {
        // elided
      } else {
        out.push(w);
      }
      a = b;
    }
  }

  function phrase(s) {
    var out = "", space = false, cps = normalize(s);
    for (var i = 0; i < cps.length; i++) {
      if (cls(cps[i]) === SEP) {
        space = out.length > 0;
        continue;
      }
      if (space) {
        out += " ";
        space = false;
      }
      out += String.fromCodePoint(cps[i]);
    }
    return out;
  }

  // cpBefore is the code point that ends just before UTF-16 offset i of s.
  function cpBefore(s, i) {
    var c = s.charCodeAt(i - 1);
    return c >= 0xDC00 && c <= 0xDFFF && i >= 2 ? s.codePointAt(i - 2) : s.codePointAt(i - 1);
  }

  function wordish(c) {
    var k = cls(c);
    return k === WORD || k === JOIN;
  }

  // containsPhrase is Go's: q occurs in p without cutting a word or compound.
  function containsPhrase(p, q) {
    if (q === "") return false;
    var first = q.codePointAt(0), last = cpBefore(q, q.length);
    for (var off = 0; ;) {
      var i = p.indexOf(q, off);
      if (i < 0) return false;
      var j = i + q.length;
      if ((i === 0 || !wordish(cpBefore(p, i)) || !wordish(first)) &&
          (j === p.length || !wordish(p.codePointAt(j)) || !wordish(last))) return true;
      off = i + 1;
    }
  }

  // parse checks an index (the decoded JSON) and prepares it for search.
  function parse(f) {
    var n = f && f.page ? f.page.length : -1;
    if (!f || f.v !== FORMAT || n < 0 || f.anchor.length !== n || f.section.length !== n || f.snippet.length !== n ||
        f.titles.length !== f.pages.length || f.postings.length !== f.terms.length) {
      throw new Error("search index: bad format");
    }
    var terms = new Map();
    for (var i = 0; i < f.terms.length; i++) terms.set(f.terms[i], i);
    return {f: f, terms: terms, phrases: []};
  }

  function phrasesOf(ix, id) {
    var p = ix.phrases[id];
    if (!p) {
      var f = ix.f, page = f.titles[f.page[id]];
      p = ix.phrases[id] = [phrase(f.section[id] === "" ? page : f.section[id]), phrase(page), phrase(f.snippet[id])];
    }
    return p;
  }

  function postings(ix, t, div, best) {
    var i = ix.terms.get(t);
    if (i === undefined) return;
    var p = ix.f.postings[i], id = 0;
    for (var j = 0; j + 1 < p.length; j += 2) {
      id += p[j];
      var w = Math.floor(p[j + 1] / div), old = best.get(id);
      if (old === undefined || w > old) best.set(id, w);
    }
  }

  function prefixTerms(lang, query) {
    var out = new Set(), cps = normalize(query);
    if (cps.length === 0 || cls(cps[cps.length - 1]) === SEP) return out;
    var p = phrase(query), last = p.slice(p.lastIndexOf(" ") + 1), ts = tokens(lang, last);
    for (var i = 0; i < ts.length; i++) {
      var t = ts[i], n = Array.from(t).length, k = cls(t.codePointAt(0));
      if ((k !== CJK && n >= 2) || (k === CJK && n === 1)) out.add(t);
    }
    return out;
  }

  // search returns the best limit (default MAX_RESULTS) results for query in lang (default the
  // index's): [{url, page, section, snippet, score}].
  function search(ix, query, lang, limit) {
    if (!lang) lang = ix.f.lang;
    if (limit === undefined) limit = MAX_RESULTS;
    var all = tokens(lang, query), seen = new Set(), terms = [];
    for (var i = 0; i < all.length; i++) {
      if (!seen.has(all[i])) {
        seen.add(all[i]);
        terms.push(all[i]);
      }
    }
    if (terms.length === 0) return [];
    var prefix = prefixTerms(lang, query), hits = new Map(), order = [];
    terms.forEach(function (t) {
      var best = new Map();
      postings(ix, t, 1, best);
      if (prefix.has(t)) {
        var list = ix.f.terms;
        for (var j = 0; j < list.length; j++) {
          if (list[j] !== t && list[j].startsWith(t)) postings(ix, list[j], 2, best);
        }
      }
      best.forEach(function (w, id) {
        var h = hits.get(id);
        if (!h) {
          h = {id: id, matched: 0, score: 0};
          hits.set(id, h);
          order.push(h);
        }
        h.matched++;
        h.score += w;
      });
    });
    if (terms.length > 1) {
      var q = phrase(query);
      order.forEach(function (h) {
        var p = phrasesOf(ix, h.id);
        if (containsPhrase(p[0], q)) h.score += Math.floor(h.score / 2);
        else if (containsPhrase(p[1], q) || containsPhrase(p[2], q)) h.score += Math.floor(h.score / 4);
      });
    }
    order.sort(function (a, b) {
      return (b.matched - a.matched) || (b.score - a.score) || (a.id - b.id);
    });
    var f = ix.f;
    return order.slice(0, limit).map(function (h) {
      var a = f.anchor[h.id];
      return {url: f.pages[f.page[h.id]] + (a ? "#" + a : ""), page: f.titles[f.page[h.id]],
        section: f.section[h.id], snippet: f.snippet[h.id], score: h.score};
    });
  }

  var api = {tokens: tokens, phrase: phrase, containsPhrase: containsPhrase, parse: parse, search: search, fold: fold, cls: cls};
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  // The user interface.
  function init() {
    var forms = document.querySelectorAll("form[role=search][data-index]");
    for (var i = 0; i < forms.length; i++) enhance(forms[i], i);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  function enhance(form, n) {
    var input = form.querySelector("input[type=search]");
    if (!input) return;
    var base = "search-" + n;
    if (!input.id) input.id = base + "-input";
    var msg = function (name, fallback) {
      return form.getAttribute("data-msg-" + name) || fallback;
    };
    var list = document.createElement("ul");
    list.id = base + "-results";
    list.className = "search-results";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var label = input.labels && input.labels[0];
    if (label) {
      if (!label.id) label.id = base + "-label";
      list.setAttribute("aria-labelledby", label.id);
    }
    var status = document.createElement("p");
    status.className = "search-status";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    form.hidden = false;

    var state = "idle", ix = null, results = [], active = -1;

    function load() {
      if (state !== "idle") return;
      var url;
      try {
        url = new URL(form.getAttribute("data-index"), location.href);
      } catch (e) {
        url = null;
      }
      if (!url || url.origin !== location.origin) {
        fail();
        return;
      }
      state = "loading";
      if (input.value.trim()) status.textContent = msg("loading", "Loading…");
      fetch(url.href, {credentials: "same-origin"}).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      }).then(function (data) {
        ix = parse(data);
        state = "ready";
        run();
      }).catch(fail);
    }

    function fail() {
      state = "failed";
      close();
      status.textContent = msg("error", "Search is unavailable");
    }

    function run() {
      var q = input.value;
      if (!q.trim()) {
        results = [];
        close();
        status.textContent = "";
        return;
      }
      if (state === "loading") {
        status.textContent = msg("loading", "Loading…");
        return;
      }
      if (state !== "ready") return;
      results = search(ix, q);
      render();
      if (results.length === 0) {
        status.textContent = msg("empty", "No results");
      } else {
        var one = results.length === 1 ? form.getAttribute("data-msg-result") : null;
        status.textContent = (one || msg("results", "{count} results")).replace("{count}", String(results.length));
      }
    }

    function render() {
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      results.forEach(function (r, k) {
        var li = document.createElement("li");
        li.id = list.id + "-" + k;
        li.className = "search-result";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.className = "search-result-title";
        title.textContent = r.section || r.page;
        li.appendChild(title);
        // Spaces between the parts, so that screen readers do not run them together.
        if (r.section) {
          var page = document.createElement("span");
          page.className = "search-result-page";
          page.textContent = r.page;
          li.appendChild(document.createTextNode(" "));
          li.appendChild(page);
        }
        if (r.snippet) {
          var snip = document.createElement("span");
          snip.className = "search-result-snippet";
          snip.textContent = r.snippet;
          li.appendChild(document.createTextNode(" "));
          li.appendChild(snip);
        }
        li.addEventListener("mousedown", function (e) {
          e.preventDefault(); // keep the focus in the input
        });
        li.addEventListener("click", function () {
          open(k);
        });
        list.appendChild(li);
      });
      if (results.length > 0) show();
      else close();
    }

    function show() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      select(-1);
    }

    function select(k) {
      var old = active >= 0 && document.getElementById(list.id + "-" + active);
      if (old) old.setAttribute("aria-selected", "false");
      active = k;
      var li = k >= 0 && document.getElementById(list.id + "-" + k);
      if (li) {
        li.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", li.id);
        if (li.scrollIntoView) li.scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(k) {
      var r = results[k];
      if (!r) return;
      close();
      location.assign(r.url);
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () {
      load();
      run();
    });
    input.addEventListener("keydown", function (e) {
      // Keys that confirm or move within an input method's composition (Japanese, Korean) are
      // not ours.
      if (e.isComposing || e.keyCode === 229 || e.altKey || e.ctrlKey || e.metaKey) return;
      var expanded = !list.hidden;
      switch (e.key) {
        case "ArrowDown":
          if (results.length === 0) return;
          e.preventDefault();
          if (!expanded) show();
          select(active + 1 < results.length ? active + 1 : 0);
          break;
        case "ArrowUp":
          if (results.length === 0) return;
          e.preventDefault();
          if (!expanded) show();
          select(active > 0 ? active - 1 : results.length - 1);
          break;
        case "Enter":
          e.preventDefault();
          if (expanded) open(active >= 0 ? active : 0);
          break;
        case "Escape":
          if (expanded) {
            e.preventDefault(); // close only; a second Escape clears the field
            close();
          }
          break;
        case "Tab":
          close();
          break;
      }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (results.length > 0) open(active >= 0 ? active : 0);
    });
    form.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !form.contains(e.relatedTarget)) close();
    });
  }
})();
