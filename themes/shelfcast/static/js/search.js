// Search over the Pagefind index written at build time. Loads nothing from other hosts and
// stores nothing; results are announced through the role=status line.
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const bundle = new URL(form.dataset.bundle, document.baseURI);
const MAX_RESULTS = 20;
let pagefind = null;
let latest = 0;

async function engine() {
  if (!pagefind) {
    const loaded = await import(new URL("pagefind.js", bundle).href);
    // Result URLs are site-absolute; the site may live in a sub-folder of its host.
    const baseUrl = new URL("..", bundle).pathname;
    await loaded.options({ baseUrl });
    // A large site's index is made in parts (shelfcast_search/parts.py), searched as one: the
    // parts list names this bundle first, then the others to merge in.
    const listed = await fetch(new URL("shelfcast-parts.json", bundle));
    const parts = listed.ok ? (await listed.json()).parts || [] : [];
    for (const part of parts.slice(1)) {
      await loaded.mergeIndex(new URL(part.bundle, bundle).href, { baseUrl });
    }
    pagefind = loaded;
  }
  return pagefind;
}

function say(template, query, count) {
  status.textContent = template.replace("{query}", query).replace("{count}", count);
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  // Pagefind escapes the page text; the excerpt only adds <mark> around matched words.
  excerpt.innerHTML = data.excerpt;
  item.append(heading, excerpt);
  return item;
}

async function search(query) {
  const ticket = ++latest;
  query = query.trim();
  list.replaceChildren();
  if (!query) { status.textContent = ""; return; }
  say(form.dataset.searching, query, 0);
  try {
    const found = await (await engine()).search(query);
    const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (ticket !== latest) return;
    list.replaceChildren(...data.map(resultItem));
    const count = found.results.length;
    say(count === 0 ? form.dataset.none : count === 1 ? form.dataset.one : form.dataset.many,
        query, count);
  } catch (error) {
    if (ticket === latest) say(form.dataset.failed, query, 0);
    throw error;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  search(input.value);
});

form.hidden = false;
const initial = new URL(location.href).searchParams.get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
