// paperwhite search: loaded by the search page only; fetches the prebuilt index on the first query.
(() => {
  const form = document.getElementById('search');
  const input = form.elements.q;
  const status = document.getElementById('search-status');
  const results = document.getElementById('search-results');
  // The page's language: the layout puts the messages on the form ({n}: the count, {error}: what failed).
  const { hint, found, none, failed } = form.dataset;
  let index;

  const load = () => {
    index ||= fetch(form.dataset.index).then((response) => {
      if (!response.ok) throw new Error(`${response.status}`);
      return response.json();
    });
    return index;
  };

  // Every term must match somewhere; matches in the title count most, then tags, headings, text.
  const score = (post, terms) => {
    const fields = [post.title, post.tags.join(' '), post.headings.join(' '), post.text].map((f) =>
      f.toLowerCase(),
    );
    let total = 0;
    for (const term of terms) {
      const s = [8, 4, 2, 1].reduce((sum, weight, i) => sum + (fields[i].includes(term) ? weight : 0), 0);
      if (!s) return 0;
      total += s;
    }
    return total;
  };

  const render = (posts) => {
    results.replaceChildren(
      ...posts.map((post) => {
        const item = document.createElement('li');
        const heading = document.createElement('h2');
        const link = document.createElement('a');
        const meta = document.createElement('p');
        const text = document.createElement('p');
        link.href = post.url;
        link.textContent = post.title;
        meta.className = 'meta';
        meta.textContent = [post.date, ...post.tags].join(' · ');
        text.textContent = `${post.text}…`;
        heading.append(link);
        item.append(heading, meta, text);
        return item;
      }),
    );
  };

  const search = async () => {
    const terms = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) {
      render([]);
      status.textContent = hint;
      return;
    }
    try {
      const posts = await load();
      const matches = posts
        .map((post) => ({ post, score: score(post, terms) }))
        .filter((r) => r.score > 0)
        .sort((a, b) => b.score - a.score)
        .map((r) => r.post);
      render(matches);
      status.textContent = matches.length ? found.replace('{n}', matches.length) : none;
    } catch (error) {
      status.textContent = failed.replace('{error}', error.message);
    }
  };

  input.addEventListener('input', search);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  input.value = new URLSearchParams(location.search).get('q') || input.value;
  search();
})();
