// Old short links (/?p=123) on hosts that cannot redirect by query (GitHub Pages, S3, plain
// file servers): look the query up in the map the build wrote and go on to the new page.
// Loaded only on pages at such an old path; fetches nothing unless the address has a query.
// ES5 on purpose: old browsers still follow old links.
(function () {
  var tag = document.querySelector && document.querySelector("script[data-map]");
  var query = window.location.search.replace(/^\?/, "");
  if (!tag || !query || !window.XMLHttpRequest || !window.JSON) { return; }
  var request = new XMLHttpRequest();
  request.onreadystatechange = function () {
    if (request.readyState !== 4 || request.status !== 200) { return; }
    var map;
    try { map = JSON.parse(request.responseText); } catch (error) { return; }
    var here = map[window.location.pathname];
    var pairs = query.split("&");
    for (var i = 0; here && i < pairs.length; i++) {
      var target = Object.prototype.hasOwnProperty.call(here, pairs[i]) && here[pairs[i]];
      // Only a path on this site: the map is ours, but never send a reader elsewhere.
      if (typeof target === "string" && /^\/(?!\/)/.test(target)) {
        window.location.replace(target);
        return;
      }
    }
  };
  request.open("GET", tag.getAttribute("data-map"), true);
  request.send();
}());
