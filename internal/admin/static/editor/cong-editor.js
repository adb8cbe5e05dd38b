/* cong-editor.js — the article editor of the back office.
 *
 * Every <textarea data-editor> becomes a TinyMCE 6 editor (vendored under
 * ./tinymce, MIT). The page needs only
 *   <script src="{{asset "editor/cong-editor.js"}}" defer></script>
 * (an address under the folder's hash, /quan-tri/static/v-<hash>/editor/…,
 * beside which TinyMCE is found) and no inline script, so it runs under script-src 'self'. TinyMCE itself is
 * loaded only when the page has such a textarea. If it cannot be loaded or
 * started, the textarea stays a plain textarea and the form still works.
 *
 * Textarea attributes read here:
 *   data-editor             turns the editor on (value unused)
 *   data-image-list="URL"   JSON [{"title": "...", "value": "/url"}] for the
 *                           image dialog's list (the media library)
 *   data-editor-height="N"  height in pixels (default 600)
 *   required, readonly, disabled, placeholder  are honoured
 *
 * The textarea always holds the current HTML (saved on every change), and an
 * "input" event is fired on it, for autosave scripts and plain form posts.
 */
(function () {
  'use strict';

  var here = document.currentScript && document.currentScript.src;
  var BASE = here ? new URL('.', here).pathname : '/quan-tri/static/editor/';
  var TINY = BASE + 'tinymce';

  var MSG_NO_IMAGE = 'Ảnh dán hoặc kéo thả vào không được giữ lại. ' +
    'Hãy tải ảnh lên Thư viện ảnh rồi chèn bằng nút “Chèn/sửa ảnh”.';
  var MSG_REQUIRED = 'Vui lòng nhập nội dung bài viết.';

  // Fixes to the community Vietnamese pack (langs/vi.js is kept as shipped).
  var VI_FIXES = {
    'Undo': 'Hoàn tác',
    'Blocks': 'Kiểu đoạn',
    'Block {0}': 'Kiểu đoạn {0}',
    'Reveal or hide additional toolbar items': 'Hiện hoặc ẩn các nút khác',
    'Align left': 'Căn trái',
    'Bullet list': 'Danh sách dấu chấm',
    'Copy': 'Sao chép',
    'Caption': 'Chú thích',
    'Width': 'Chiều rộng',
    'Height': 'Chiều cao',
    'Cancel': 'Huỷ',
    'Close': 'Đóng',
    'Show caption': 'Hiện chú thích',
    'Image is decorative': 'Ảnh trang trí',
    'Rich Text Area': 'Vùng soạn thảo',
    'Rich Text Area. Press ALT-0 for help.': 'Vùng soạn thảo. Nhấn ALT-0 để xem trợ giúp.'
  };

  /* ---------------- Accessibility: strings and ARIA ----------------------- *
   * Kept apart from the options on purpose: other changes to the editor's
   * options need not touch this section, which setup() enters through one
   * call, a11y(editor).
   *
   * VI_MISSING: strings the Vietnamese pack (tinymce-i18n 26.9.21, the newest)
   * lacks, which would otherwise show or be read out in English.
   *
   * ARIA: axe-core finds two violations in TinyMCE 6.8's own markup, which
   * cannot be configured away without losing the feature; they are patched
   * here after the editor is drawn, never in the vendored files:
   *  - the element path's items are role="button" with aria-level, which a
   *    button may not have (aria-allowed-attr): the level is dropped, the
   *    items' text ("p", "strong") stays their name;
   *  - the resize handle is a focusable <div> without a role but with an
   *    aria-label (aria-prohibited-attr): it becomes what it is, a focusable
   *    horizontal separator that arrow keys move (the ARIA window splitter),
   *    with its value, the editor's height in pixels, kept up to date.
   * The path is drawn again on every change of the selection, so a
   * MutationObserver repeats the first fix. */
  var VI_MISSING = {
    'Press the Up and Down arrow keys to resize the editor.': 'Nhấn phím mũi tên lên, xuống để đổi chiều cao khung soạn thảo.'
  };
  var MSG_HEIGHT = 'Chiều cao khung soạn thảo';

  function a11y(editor) {
    editor.on('ScriptsLoaded', function () { window.tinymce.addI18n('vi', VI_MISSING); });
    editor.on('init', function () { fixStatusbarAria(editor); });
  }

  function fixStatusbarAria(editor) {
    var bar = editor.getContainer() && editor.getContainer().querySelector('.tox-statusbar');
    if (!bar) return;
    var dropLevels = function () {
      Array.prototype.forEach.call(bar.querySelectorAll('.tox-statusbar__path-item[aria-level]'), function (item) {
        item.removeAttribute('aria-level');
      });
    };
    dropLevels();
    if (window.MutationObserver) new MutationObserver(dropLevels).observe(bar, { childList: true, subtree: true });

    var handle = bar.querySelector('.tox-statusbar__resize-handle');
    if (!handle) return;
    var label = handle.getAttribute('aria-label');
    handle.setAttribute('role', 'separator');
    handle.setAttribute('aria-orientation', 'horizontal');
    handle.setAttribute('aria-label', MSG_HEIGHT);
    if (label) handle.setAttribute('title', label);
    var min = editor.options.get('min_height');
    var max = editor.options.get('max_height');
    if (min) handle.setAttribute('aria-valuemin', String(min));
    if (max) handle.setAttribute('aria-valuemax', String(max));
    var height = function () {
      var px = Math.round(editor.getContainer().getBoundingClientRect().height);
      handle.setAttribute('aria-valuenow', String(px));
      handle.setAttribute('aria-valuetext', px + ' điểm ảnh');
    };
    height();
    editor.on('ResizeEditor', height);
  }

  /* ---------------- Paste clean-up (Word, Google Docs, web pages) -------- */

  var DROP = /^(script|style|meta|link|title|head|xml|noscript|template|object|embed|iframe|frame|frameset|applet|input|button|legend|select|textarea|svg|math|canvas|video|audio|source|track|map|area|col|colgroup)$/;
  var CONTAINER = /^(div|section|article|header|footer|main|aside|nav|address|center|form|fieldset)$/;
  var BLOCK = /^(p|h[1-6]|ul|ol|li|table|thead|tbody|tfoot|tr|td|th|caption|blockquote|pre|figure|figcaption|hr|div|section|article|header|footer|main|aside|nav|address|center|dl|dt|dd)$/;
  var INLINE_WRAPPER = /^(span|font|small|big|abbr|acronym|cite|dfn|kbd|samp|var|mark|ins|del|s|strike|tt|label|bdi|bdo|time|data|nobr)$/;
  var ALIGNABLE = /^(p|h[2-4]|li|td|th|blockquote)$/;
  var RENAME = { b: 'strong', i: 'em', h1: 'h2', h5: 'h4', h6: 'h4' };
  var KEEP_ATTRS = {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    ol: ['start', 'type']
  };

  function styleOf(el, prop) {
    var m = new RegExp('(?:^|;)\\s*' + prop + '\\s*:\\s*([^;]+)', 'i').exec(el.getAttribute('style') || '');
    return m ? m[1].trim().toLowerCase() : '';
  }

  function alignOf(el) {
    var a = styleOf(el, 'text-align') || (el.getAttribute('align') || '').toLowerCase();
    return a === 'center' || a === 'right' ? a : '';
  }

  function unwrap(el) {
    var parent = el.parentNode;
    while (el.firstChild) parent.insertBefore(el.firstChild, el);
    parent.removeChild(el);
  }

  function rename(el, tag) {
    var doc = el.ownerDocument;
    var n = doc.createElement(tag);
    for (var i = 0; i < el.attributes.length; i++) {
      n.setAttribute(el.attributes[i].name, el.attributes[i].value);
    }
    while (el.firstChild) n.appendChild(el.firstChild);
    el.parentNode.replaceChild(n, el);
    return n;
  }

  function isBlank(el) {
    return !el.querySelector('img,table,hr,iframe') &&
      (el.textContent || '').replace(/[\s\u00a0\u200b]/g, '') === '';
  }

  function prevSignificant(node) {
    var p = node.previousSibling;
    while (p && ((p.nodeType === 3 && !/\S/.test(p.data.replace(/\u00a0/g, 'x'))) || p.nodeType === 8)) {
      p = p.previousSibling;
    }
    return p;
  }

  // Word writes list items as <p style="mso-list:l0 level1 lfo1"> with the
  // bullet or number as text in a <span style="mso-list:Ignore">, or between
  // <![if !supportLists]> … <![endif]>. Turn runs of them into real lists.
  var ROMAN = { i: 1, v: 5, x: 10, l: 50, c: 100 };

  function markerInfo(t) {
    var m = /^\(?([0-9]+|[a-zA-Z]{1,5})[.)]$/.exec(t) || /^()([0-9]+)$/.exec(t);
    if (!m) return { ordered: false };
    var v = m[1] || m[2];
    if (/^[0-9]+$/.test(v)) return { ordered: true, type: '', start: +v };
    if (/^[ivxlc]+$/i.test(v) && (v.length > 1 || /^[iIvVxX]$/.test(v))) {
      var n = 0, low = v.toLowerCase();
      for (var k = 0; k < low.length; k++) {
        var a = ROMAN[low.charAt(k)], b = ROMAN[low.charAt(k + 1)] || 0;
        n += a < b ? -a : a;
      }
      return { ordered: true, type: v === low ? 'i' : 'I', start: n };
    }
    if (v.length === 1) {
      return { ordered: true, type: v === v.toLowerCase() ? 'a' : 'A', start: v.toLowerCase().charCodeAt(0) - 96 };
    }
    return { ordered: false };
  }

  function wordLists(doc) {
    var paras = doc.querySelectorAll('p[style*="mso-list"], h1[style*="mso-list"], h2[style*="mso-list"], h3[style*="mso-list"], h4[style*="mso-list"], h5[style*="mso-list"], h6[style*="mso-list"]');
    var root = null, stack = [];
    for (var i = 0; i < paras.length; i++) {
      var p = paras[i];
      var level = /level(\d+)/i.exec(p.getAttribute('style') || '');
      if (!level) continue;
      level = +level[1];
      var t = takeMarker(p).replace(/[\s\u00a0]+/g, ' ').trim();
      if (p.localName !== 'p') {
        // A numbered heading ("I.", "Điều 1."): keep its number as text.
        if (t) p.insertBefore(doc.createTextNode(t + ' '), p.firstChild);
        continue;
      }
      var info = markerInfo(t.replace(/\s/g, ''));
      var want = info.ordered ? 'ol' : 'ul';
      if (!root || prevSignificant(p) !== root) stack = [];
      while (stack.length && stack[stack.length - 1].level > level) stack.pop();
      var top = stack[stack.length - 1];
      if (top && top.level === level && top.list.localName !== want) {
        stack.pop();
        top = stack[stack.length - 1];
      }
      if (!top || top.level < level) {
        var list = doc.createElement(want);
        if (info.type) list.setAttribute('type', info.type);
        if (info.ordered && info.start > 1) list.setAttribute('start', String(info.start));
        if (top) {
          var li = top.list.lastElementChild;
          if (!li) { li = doc.createElement('li'); top.list.appendChild(li); }
          li.appendChild(list);
        } else {
          p.parentNode.insertBefore(list, p);
          root = list;
        }
        stack.push({ level: level, list: list });
        top = stack[stack.length - 1];
      }
      var item = doc.createElement('li');
      var align = alignOf(p);
      if (align) item.setAttribute('style', 'text-align: ' + align + ';');
      while (p.firstChild) item.appendChild(p.firstChild);
      top.list.appendChild(item);
      p.parentNode.removeChild(p);
    }
  }

  // Removes the list marker Word wrote into a list paragraph; returns its text.
  function takeMarker(p) {
    var ignore = p.querySelector('[style*="mso-list:Ignore"], [style*="mso-list: Ignore"]');
    if (ignore) {
      var text = ignore.textContent;
      // The marker sits in a font span (Symbol, Wingdings…) around the Ignore span.
      var outer = ignore;
      while (outer.parentNode !== p && outer.parentNode.childNodes.length === 1) outer = outer.parentNode;
      outer.parentNode.removeChild(outer);
      return text;
    }
    var walker = p.ownerDocument.createTreeWalker(p, NodeFilter.SHOW_COMMENT);
    var start = null, c;
    while ((c = walker.nextNode())) {
      if (/^\[if !supportLists\]/.test(c.data)) start = c;
      else if (start && /^\[endif\]/.test(c.data)) break;
    }
    if (!start || !c || start.parentNode !== c.parentNode) return '';
    var out = '';
    while (start.nextSibling && start.nextSibling !== c) {
      out += start.nextSibling.textContent;
      start.parentNode.removeChild(start.nextSibling);
    }
    return out;
  }

  function localImage(src) {
    try {
      var u = new URL(src, location.href);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === location.origin;
    } catch (e) {
      return false;
    }
  }

  function cleanNode(node, report) {
    var kids = Array.prototype.slice.call(node.childNodes);
    for (var i = 0; i < kids.length; i++) {
      var k = kids[i];
      if (k.nodeType === 8) { node.removeChild(k); continue; }
      if (k.nodeType === 3) { k.data = nbsp(k.data); continue; }
      if (k.nodeType !== 1) { node.removeChild(k); continue; }
      cleanElement(k, report);
    }
  }

  // Word and web pages space with no-break spaces: make them plain spaces.
  function nbsp(s) {
    return s.replace(/\u00a0/g, ' ');
  }

  function cleanElement(el, report) {
    var tag = el.localName.toLowerCase();
    if (tag.indexOf(':') > 0) { // o:p, v:shape, w:sdt…
      if (tag === 'o:p' || tag === 'w:sdt' || tag === 'w:sdtpr') { cleanNode(el, report); unwrap(el); } else { el.parentNode.removeChild(el); }
      return;
    }
    if (DROP.test(tag)) { el.parentNode.removeChild(el); return; }
    if (tag === 'img') {
      var src = el.getAttribute('src') || '';
      if (!localImage(src)) { report.images++; el.parentNode.removeChild(el); return; }
    }

    // Read what the styles mean before they are dropped.
    var align = tag === 'center' ? 'center' : alignOf(el);
    var weight = styleOf(el, 'font-weight');
    var bold = weight === 'bold' || weight === 'bolder' || +weight >= 600;
    var notBold = weight === 'normal' || (weight !== '' && +weight < 600 && weight !== 'bolder' && weight !== 'bold');
    var italic = styleOf(el, 'font-style') === 'italic';
    var underline = /underline/.test(styleOf(el, 'text-decoration') || styleOf(el, 'text-decoration-line'));
    var valign = styleOf(el, 'vertical-align');

    cleanNode(el, report);

    if (RENAME[tag]) {
      // Google Docs wraps a whole paste in <b style="font-weight:normal">.
      if (tag === 'b' && notBold) { unwrap(el); return; }
      el = rename(el, RENAME[tag]);
      tag = RENAME[tag];
    }

    if (tag === 'a') {
      var href = (el.getAttribute('href') || '').trim();
      if (!href || href.charAt(0) === '#' || /^(file|javascript|data|vbscript):/i.test(href)) { unwrap(el); return; }
    }

    if (CONTAINER.test(tag)) {
      var hasBlock = false;
      for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
        if (BLOCK.test(c.localName)) { hasBlock = true; break; }
      }
      if (hasBlock || isBlank(el)) { unwrap(el); return; }
      el = rename(el, 'p');
      tag = 'p';
    }

    if (INLINE_WRAPPER.test(tag)) {
      var wrap = [];
      if (bold) wrap.push('strong');
      if (italic) wrap.push('em');
      if (underline) wrap.push('u');
      if (valign === 'super') wrap.push('sup');
      if (valign === 'sub') wrap.push('sub');
      if (tag === 's' || tag === 'strike' || tag === 'del') wrap.push('s');
      for (var w = 0; w < wrap.length && el.firstChild; w++) {
        var n = el.ownerDocument.createElement(wrap[w]);
        el.parentNode.insertBefore(n, el);
        n.appendChild(el);
      }
      unwrap(el);
      return;
    }

    // Keep only the attributes that mean something in an article.
    var keep = KEEP_ATTRS[tag] || [];
    for (var a = el.attributes.length - 1; a >= 0; a--) {
      var name = el.attributes[a].name.toLowerCase();
      if (keep.indexOf(name) < 0) el.removeAttribute(el.attributes[a].name);
    }
    if (align && ALIGNABLE.test(tag)) el.setAttribute('style', 'text-align: ' + align + ';');
    if (tag === 'table') { // as the editor's own tables are
      el.setAttribute('border', '1');
      el.setAttribute('style', 'border-collapse: collapse; width: 100%;');
    }

    // Word puts a <p> in every table cell, Google Docs in every list item:
    // keep the text, drop the paragraph.
    if ((tag === 'td' || tag === 'th' || tag === 'li') && onlyChild(el, 'p')) {
      var pAlign = el.firstElementChild.getAttribute('style');
      if (pAlign && !el.getAttribute('style')) el.setAttribute('style', pAlign);
      unwrap(el.firstElementChild);
    }

    if (isBlank(el)) {
      if (/^(strong|em|u|s|sup|sub|a)$/.test(tag)) unwrap(el);
      else if (/^(p|h[2-4]|blockquote)$/.test(tag)) el.parentNode.removeChild(el); // Word's <p>&nbsp;</p> spacers
    }
  }

  function onlyChild(el, tag) {
    var found = null;
    for (var c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) {
        if (found || c.localName !== tag) return false;
        found = c;
      } else if (c.nodeType === 3 && /[^\s]/.test(c.data.replace(/\u00a0/g, 'x'))) {
        return false;
      }
    }
    return !!found;
  }

  function cleanPastedHtml(html, report) {
    var doc = new DOMParser().parseFromString('<!DOCTYPE html><html><body>' + html + '</body></html>', 'text/html');
    wordLists(doc);
    cleanNode(doc.body, report);
    // A <br> left between two blocks (Google Docs) would become an empty paragraph.
    Array.prototype.forEach.call(doc.querySelectorAll('body > br'), function (br) {
      var prev = prevSignificant(br), next = br.nextSibling;
      while (next && next.nodeType === 3 && !/\S/.test(next.data)) next = next.nextSibling;
      if (!prev || !next || (prev.nodeType === 1 && BLOCK.test(prev.localName)) || (next.nodeType === 1 && BLOCK.test(next.localName))) {
        br.parentNode.removeChild(br);
      }
    });
    return doc.body.innerHTML;
  }

  /* ---------------- Editor start-up ---------------------------------------- */

  function hasFiles(dt) {
    return !!dt && Array.prototype.indexOf.call(dt.types || [], 'Files') >= 0;
  }

  function imageListFrom(url) {
    if (!url) return false;
    return function (done) {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) { done(Array.isArray(list) ? list : []); })
        .catch(function () { done([]); });
    };
  }

  function options(tinymce, ta) {
    var height = parseInt(ta.getAttribute('data-editor-height'), 10) || 600;
    return {
      target: ta,
      base_url: TINY,
      suffix: '.min',
      language: 'vi',
      language_url: TINY + '/langs/vi.js',
      promotion: false,
      branding: false,
      menubar: false,
      statusbar: true,
      elementpath: true,
      resize: true,
      height: height,
      readonly: ta.readOnly || ta.disabled,
      browser_spellcheck: true,
      plugins: 'lists link image table autolink code wordcount searchreplace',
      toolbar: 'undo redo | blocks | bold italic underline | alignleft aligncenter alignright alignjustify | ' +
        'bullist numlist | link image table | removeformat | code',
      block_formats: 'Đoạn văn=p; Tiêu đề 2=h2; Tiêu đề 3=h3; Tiêu đề 4=h4',
      content_css: [TINY + '/skins/content/default/content.min.css', BASE + 'cong-content.css'],
      convert_urls: false,
      entity_encoding: 'raw',
      image_caption: true,
      image_advtab: false,
      // Alt text: the image dialog asks for a description of every picture
      // (image_description) and offers "Ảnh trang trí" (a11y_advanced_options)
      // for one that carries no information, written alt="" role="presentation".
      // The server keeps that mark (internal/sanitize) and refuses to publish a
      // picture with neither (portal.Article.ReadyToPublish).
      image_description: true,
      a11y_advanced_options: true,
      image_list: imageListFrom(ta.getAttribute('data-image-list')),
      paste_data_images: false,
      // Chromium only: TinyMCE would strip style="" before our clean-up can
      // read bold/italic from Google Docs spans. The clean-up drops styles itself.
      paste_remove_styles_if_webkit: false,
      paste_preprocess: function (editor, args) {
        if (args.internal) return;
        var report = { images: 0 };
        args.content = cleanPastedHtml(args.content, report);
        if (report.images) editor.notificationManager.open({ text: MSG_NO_IMAGE, type: 'warning', timeout: 6000 });
      },
      setup: function (editor) {
        editor.on('ScriptsLoaded', function () { tinymce.addI18n('vi', VI_FIXES); });
        a11y(editor); // see "Accessibility: strings and ARIA" above

        var sync = function () {
          editor.save();
          ta.dispatchEvent(new Event('input', { bubbles: true }));
        };
        editor.on('change input undo redo', function () {
          if (editor.initialized) sync();
        });

        // Images come from the media library, not from files dropped or pasted in.
        editor.on('drop', function (e) {
          if (hasFiles(e.dataTransfer)) {
            e.preventDefault();
            editor.notificationManager.open({ text: MSG_NO_IMAGE, type: 'warning', timeout: 6000 });
          }
        });
        editor.on('paste', function (e) {
          var dt = e.clipboardData;
          if (hasFiles(dt) && !dt.getData('text/html') && !dt.getData('text/plain')) {
            e.preventDefault();
            editor.notificationManager.open({ text: MSG_NO_IMAGE, type: 'warning', timeout: 6000 });
          }
        });
      }
    };
  }

  // A hidden required textarea would block the form with no message: check
  // the editor's content on submit instead.
  function guardRequired(ta, editor) {
    if (!ta.required || !ta.form) return;
    ta.required = false;
    ta.form.addEventListener('submit', function (e) {
      if (editor.dom && editor.dom.isEmpty(editor.getBody())) {
        e.preventDefault();
        editor.focus();
        editor.notificationManager.open({ text: MSG_REQUIRED, type: 'error', timeout: 5000 });
      }
    });
  }

  // Put the plain textarea back when the editor cannot start.
  function fallBack(editor, ta) {
    try { editor.remove(); } catch (e) { /* keep going */ }
    ta.style.visibility = '';
    ta.style.display = '';
    ta.removeAttribute('aria-hidden');
  }

  function start(tinymce, areas) {
    areas.forEach(function (ta) {
      var opts = options(tinymce, ta);
      var setup = opts.setup;
      opts.setup = function (editor) {
        // Without its theme or model (file missing, blocked…) TinyMCE never
        // starts; a missing plugin, icon pack or language only loses that part.
        editor.on('ThemeLoadError ModelLoadError', function () {
          setTimeout(function () { fallBack(editor, ta); }, 0);
        });
        setup(editor);
      };
      try {
        tinymce.init(opts).then(function (eds) {
          if (eds && eds[0]) guardRequired(ta, eds[0]);
        }, function () {});
      } catch (e) {
        ta.style.visibility = '';
      }
    });
  }

  function boot() {
    var areas = Array.prototype.slice.call(document.querySelectorAll('textarea[data-editor]'));
    if (!areas.length) return;
    if (window.tinymce) { start(window.tinymce, areas); return; }
    var s = document.createElement('script');
    s.src = TINY + '/tinymce.min.js';
    s.onload = function () { if (window.tinymce) start(window.tinymce, areas); };
    s.onerror = function () { /* no editor: the textareas stay as they are */ };
    document.head.appendChild(s);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
  } else {
    boot();
  }

  // For tests and for other back-office scripts.
  window.congEditor = { cleanPastedHtml: function (html) { return cleanPastedHtml(html, { images: 0 }); } };
})();
