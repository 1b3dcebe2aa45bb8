// Shelfcast's additions to Decap CMS: the site's stylesheet in the preview, and the checks the
// build makes that Decap's own field options cannot express (a check digit, alt text beside a
// picture, an end after its start, a date in the form the build reads). The rules per
// collection come from rules.json, written by the build from the content schema.
(function () {
  'use strict';
  var CMS = window.CMS;
  var here = document.currentScript.src.replace(/[^/]*$/, '');
  var ready = fetch(here + 'rules.json', { credentials: 'same-origin' }).then(function (r) {
    return r.json();
  });

  // Mirrors plugins/shelfcast_catalogue's ISBN check: ISBN-10 (mod 11, X = 10) and ISBN-13 (mod 10).
  function isbnValid(raw) {
    var digits = String(raw).replace(/[\s-]/g, '').toUpperCase();
    var sum = 0, i;
    if (/^\d{9}[\dX]$/.test(digits)) {
      for (i = 0; i < 10; i++) sum += (digits[i] === 'X' ? 10 : +digits[i]) * (10 - i);
      return sum % 11 === 0;
    }
    if (/^\d{13}$/.test(digits)) {
      for (i = 0; i < 13; i++) sum += +digits[i] * (i % 2 ? 3 : 1);
      return sum % 10 === 0;
    }
    return false;
  }

  // The pattern says the form; a real calendar day (no 13th month, no 45th day) is the
  // other half of what the build's date reading checks (shelfcast_sitekit/fields.py parse_date).
  function realDay(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
    if (!parts) return false;
    var day = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
    return day.getUTCFullYear() === +parts[1] && day.getUTCMonth() === +parts[2] - 1 &&
      day.getUTCDate() === +parts[3];
  }

  function plain(value) {
    return value && value.toJS ? value.toJS() : value;
  }

  function blank(value) {
    return value === undefined || value === null || String(value).trim() === '';
  }

  function problems(rules, data, text) {
    var found = [];
    (rules.dates || []).forEach(function (rule) {
      var value = data[rule.field];
      if (blank(value)) return;
      // A picked date may arrive as a Date; a typed or hand-written one as text.
      var written = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
      var readable = value instanceof Date || new RegExp(rule.pattern).test(written);
      if (!readable || !realDay(written)) {
        found.push(text.date.replace('{field}', rule.label).replace('{example}', rule.example));
      }
    });
    (rules.alt || []).forEach(function (pair) {
      var holders = pair.list ? (plain(data[pair.list]) || []) : [data];
      holders.forEach(function (holder) {
        if (holder && !blank(holder[pair.image]) && blank(holder[pair.alt])) {
          found.push(text.alt.replace('{field}', pair.label));
        }
      });
    });
    (rules.isbn || []).forEach(function (rule) {
      var value = data[rule.field];
      if (!blank(value) && !isbnValid(value)) found.push(text.isbn.replace('{isbn}', value));
    });
    var body = String(data.body || '');
    body.replace(/\]\(isbn:([^)\s]+)\)/g, function (whole, isbn) {
      if (!isbnValid(isbn)) found.push(text.isbn.replace('{isbn}', isbn));
      return whole;
    });
    (rules.order || []).forEach(function (rule) {
      var block = rule.block ? (plain(data[rule.block]) || {}) : data;
      var start = block[rule.start], end = block[rule.end];
      // An end written as a time only ("13:00") is on the start's day: nothing to compare.
      var dated = /^\d{4}-/;
      if (dated.test(String(start)) && dated.test(String(end)) && String(end) < String(start)) {
        found.push(text.order.replace('{end}', rule.end_label).replace('{start}', rule.start_label));
      }
    });
    return found;
  }

  CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      return ready.then(function (all) {
        var entry = event.entry;
        var rules = all.collections[entry.get('collection')] || {};
        var data = plain(entry.get('data')) || {};
        var found = problems(rules, data, all.messages);
        if (found.length) throw new Error(found.join(' '));
        return entry.get('data');
      });
    },
  });

  // A post previews in the structure of themes/shelfcast/templates/article.html, and a post
  // dated in the future says when it will appear (the build publishes it from that time).
  function postPreview(messages) {
    var h = window.h;
    return function (props) {
      var data = props.entry.get('data');
      var date = data.get('date');
      var when = date ? new Date(String(date).replace(' ', 'T')) : null;
      var scheduled = when && !isNaN(when) && when > new Date();
      var image = data.get('image');
      return h('article', { className: 'post' },
        scheduled ? h('p', { className: 'shelfcast-scheduled' },
          messages.scheduled.replace('{date}', String(date))) : null,
        h('header', {}, h('h1', {}, data.get('title')),
          h('p', { className: 'post-meta' }, String(date || ''))),
        image ? h('img', { className: 'lead-image', src: props.getAsset(image).toString(),
          alt: data.get('image_alt') || '' }) : null,
        h('div', { className: 'post-body' }, props.widgetFor('body')));
    };
  }

  ready.then(function (all) {
    Object.keys(all.collections).forEach(function (name) {
      if (all.collections[name].preview === 'post') {
        CMS.registerPreviewTemplate(name, postPreview(all.messages));
      }
    });
  });

  CMS.registerPreviewStyle(here + '../theme/css/site.css');
  CMS.registerPreviewStyle(here + 'preview.css');
})();
