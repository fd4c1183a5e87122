// The link finder's rules (issue 10), on its fixture pages and on small made-up snippets: one
// entry per paper per group, a paper's PDF and abstract links as one entry, ids of one paper
// joined, two papers kept apart, titles only from the link or the item's heading, and the
// registry keeping it off pages a site adapter covers.
import { describe, expect, it } from 'vitest';
import { PAPER_HOSTS } from '../../src/shared/ids/index';
import { HREF_NEEDLES, links, isTitleLike } from '../../src/sites/links';
import { matchesPattern } from '../../src/sites/match-pattern';
import { adapterFor } from '../../src/sites/registry';
import { parseFixture } from './fixture-pages';

const BLOG = new URL('https://fernhollow-lab.example.org/blog/post');

function find(html: string, url = BLOG, limit?: number) {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}</body>`, 'text/html');
  return links.findEntries(doc, url, limit === undefined ? undefined : { limit });
}

describe('fixture pages: every paper gets one host, nothing else does', () => {
  it.each([
    ['openreview-group.html', 'https://openreview.net/group?id=MadeUpConf.cc/2025/Conference', ['/forum?id=QwErTy12345', '/forum?id=AsDfGh67890', '/forum?id=ZxCvBn_1234', '/forum?id=Nodes-Only1']],
    ['pubmed-search.html', 'https://pubmed.ncbi.nlm.nih.gov/?term=made-up', ['/38000001/', '/38000002/', '/38000003/']],
    ['biorxiv-collection.html', 'https://www.biorxiv.org/collection/neuroscience', ['/content/10.1101/2024.05.01.591234v1', '/content/10.1101/2024.04.30.591111v3', 'https://www.medrxiv.org/content/10.1101/2024.04.29.24306543v1']],
  ])('%s: hosts after the title links only', (file, url, hrefs) => {
    const entries = links.findEntries(parseFixture('links', file), new URL(url));
    expect(entries.map((entry) => entry.anchor.getAttribute('href'))).toEqual(hrefs);
    expect(entries.every((entry) => entry.compact && entry.anchor === entry.element)).toBe(true);
  });

  it('Semantic Scholar: the arXiv/DOI link of a result joins it; the PDF of the same id is the same entry', () => {
    const entries = links.findEntries(parseFixture('links', 'semantic-scholar-search.html'), new URL('https://www.semanticscholar.org/search?q=made-up'));
    expect(entries.map((entry) => entry.aliases)).toEqual([
      ['arxiv:2403.05678', 's2:aaaa00000000000000000000000000000000aaaa'],
      ['doi:10.9999/nothing.2023.0042', 's2:bbbb00000000000000000000000000000000bbbb'],
      ['s2:cccc00000000000000000000000000000000cccc'],
    ]);
    expect(entries.map((entry) => entry.paper.title)).toEqual([
      'Quiet Lanterns Lit by Made-Up Reward Models',
      'Sparse Tides of a Fictional Ocean',
      'An Untitled Note on Borrowed Things',
    ]);
  });

  it('the prose page: one host per paper per group, titles never from an unrelated line', () => {
    const entries = links.findEntries(parseFixture('links', 'blog-prose.html'), BLOG);
    const byTitle = entries.map((entry) => [entry.id, entry.paper.title]);
    expect(byTitle).toContainEqual(['arxiv:2402.05555', 'arXiv 2402.05555']); // "this paper"
    expect(byTitle).toContainEqual(['s2:dddd00000000000000000000000000000000dddd', 'Semantic Scholar dddd00000000000000000000000000000000dddd']); // "its experiments"
    expect(byTitle).toContainEqual(['doi:10.9999/imag.2021.5', 'Tidal enzymes in a made-up organism']); // the item's <strong>
    // Cited in two paragraphs: one host in each.
    expect(entries.filter((entry) => entry.id === 'arxiv:2401.01234')).toHaveLength(2);
    // Listings, author pages, code, models and social links are not papers.
    const hrefs = entries.map((entry) => entry.anchor.getAttribute('href') ?? '');
    expect(hrefs.some((href) => /github|huggingface|twitter|\/list\/|\/a\/|mastodon|example\.org/u.test(href))).toBe(false);
  });
});

describe('grouping rules', () => {
  it('the PDF link and the abstract link of one paper are one entry, after the title link', () => {
    const [entry, ...rest] = find('<p><a href="https://arxiv.org/pdf/2401.01234">pdf</a> <a href="https://arxiv.org/abs/2401.01234v2">Made-Up Quiet Planners Revisited</a></p>');
    expect(rest).toEqual([]);
    expect(entry!.anchor.textContent).toBe('Made-Up Quiet Planners Revisited');
    expect(entry!.paper).toMatchObject({ id: 'arxiv:2401.01234', title: 'Made-Up Quiet Planners Revisited', version: 2 });
  });

  it('two different papers in one group are two entries, even in one list item', () => {
    const entries = find('<ul><li><a href="https://arxiv.org/abs/2401.01234">A</a> and <a href="https://arxiv.org/abs/2402.05678">B</a></li></ul>');
    expect(entries.map((entry) => entry.id)).toEqual(['arxiv:2401.01234', 'arxiv:2402.05678']);
  });

  it('a list item linking an arXiv id and a DOI joins them; two titled links stay two papers', () => {
    expect(find('<ul><li>Doe. Title. <a href="https://doi.org/10.9999/x.1">doi</a> <a href="https://arxiv.org/abs/2401.01234">arXiv</a></li></ul>').map((entry) => entry.aliases)).toEqual([
      ['arxiv:2401.01234', 'doi:10.9999/x.1'],
    ]);
    expect(
      find('<ul><li><a href="https://doi.org/10.9999/x.1">Made-Up Journal Paper Title</a> builds on <a href="https://arxiv.org/abs/2401.01234">A Different Made-Up Preprint</a></li></ul>').map((entry) => entry.aliases),
    ).toEqual([['doi:10.9999/x.1'], ['arxiv:2401.01234']]);
  });

  it('in prose, a label link right after a paper link is that paper; elsewhere in the sentence it is another', () => {
    expect(find('<p>See <a href="https://arxiv.org/abs/2401.01234">Made-Up Quiet Planners</a> [<a href="https://doi.org/10.9999/x.1">doi</a>].</p>').map((entry) => entry.aliases)).toEqual([
      ['arxiv:2401.01234', 'doi:10.9999/x.1'],
    ]);
    expect(find('<p>See <a href="https://arxiv.org/abs/2401.01234">this</a>, unlike what <a href="https://doi.org/10.9999/x.1">that study</a> claims.</p>').map((entry) => entry.id)).toEqual([
      'arxiv:2401.01234',
      'doi:10.9999/x.1',
    ]);
  });

  it('a table row is one group: title cell and PDF cell', () => {
    const entries = find('<table><tr><td><a href="https://proceedings.mlr.press/v235/doe24a.html">Imaginary Bandits With Regret</a></td><td><a href="https://proceedings.mlr.press/v235/doe24a/doe24a.pdf">PDF</a></td></tr></table>');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.paper.pdfUrl).toBe('https://proceedings.mlr.press/v235/doe24a/doe24a.pdf');
  });

  it('relative links count only on paper sites', () => {
    const html = '<ul><li><a href="/forum?id=AbCdE12345">Made-Up Forum Paper</a></li></ul>';
    expect(find(html, new URL('https://openreview.net/group?id=x')).map((entry) => entry.id)).toEqual(['openreview:AbCdE12345']);
    expect(find(html)).toEqual([]);
  });

  it('a group that already shows a host for the paper gets no second one (a client-side re-render)', () => {
    const html = '<ul><li><a href="https://arxiv.org/abs/2401.01234">Made-Up Quiet Planners</a><shelfmark-entry data-shelfmark-id="arxiv:2401.01234"></shelfmark-entry> <a href="https://arxiv.org/pdf/2401.01234">pdf</a></li></ul>';
    expect(find(html)).toEqual([]);
  });

  it('with a limit, the first entries in document order', () => {
    const items = Array.from({ length: 30 }, (_, i) => `<li><a href="https://arxiv.org/abs/2401.${String(10000 + i)}">Made-Up Paper Number ${i}</a></li>`).join('');
    const all = find(`<ul>${items}</ul>`);
    const head = find(`<ul>${items}</ul>`, BLOG, 5);
    expect(all).toHaveLength(30);
    expect(head.map((entry) => entry.id)).toEqual(all.slice(0, head.length).map((entry) => entry.id));
    expect(head.length).toBeGreaterThanOrEqual(5);
    expect(head.length).toBeLessThan(30);
  });

  it('a list item around a nested list: its links before and after the inner list are one group, given out before the inner one', () => {
    const html =
      '<ul><li><a href="https://arxiv.org/abs/2401.01234">Made-Up Outer Planners</a>' +
      '<ul><li><a href="https://arxiv.org/abs/2402.05555">Made-Up Inner Critics</a></li></ul>' +
      '<a href="https://arxiv.org/pdf/2401.01234">pdf</a></li>' +
      '<li><a href="https://doi.org/10.9999/made.up.1">A Made-Up Journal Paper</a></li></ul>';
    const entries = find(html);
    // Split at the inner list, the outer item would show its paper twice (its PDF link a second entry).
    expect(entries.map((entry) => entry.id)).toEqual(['arxiv:2401.01234', 'arxiv:2402.05555', 'doi:10.9999/made.up.1']);
  });

  it('every paper host is picked by one of the substrings the selector looks for', () => {
    for (const host of PAPER_HOSTS) expect(HREF_NEEDLES.some((needle) => `https://${host}/`.includes(needle)), host).toBe(true);
    // arXiv's own spelling in hand-written pages.
    expect(find('<p><a href="http://arXiv.org/abs/2401.01234">Made-Up Quiet Planners</a></p>').map((entry) => entry.id)).toEqual(['arxiv:2401.01234']);
  });

  it('no paper links, no entries; hostile hrefs do not throw', () => {
    expect(find('<p><a href="https://example.org/">home</a> <a href="javascript:alert(1)">x</a> <a href="http://[::1">bad</a> <a>none</a></p>')).toEqual([]);
  });

  it('title-like text is a title, labels and ids are not', () => {
    for (const text of ['Attention for Made-Up Planners', 'Sparse Tides of a Fictional Ocean', 'Borrowed Critic study']) expect(isTitleLike(text), text).toBe(true);
    for (const text of ['[PDF] arXiv', 'arXiv:2401.01234', 'this paper', 'Project page', 'https://doi.org/10.1/x', 'doi.org', 'its experiments', 'here'])
      expect(isTitleLike(text), text).toBe(false);
  });
});

describe('where the link finder runs', () => {
  it.each([
    ['https://arxiv.org/list/cs.LG/new', 'arxiv'],
    ['https://huggingface.co/papers', 'huggingface'],
    ['https://openreview.net/group?id=x', 'paper-page'], // generic: the content script picks by what the page holds
    ['https://some-lab.example.org/reading', 'links'],
  ])('%s → %s', (url, id) => expect(adapterFor(new URL(url))?.id).toBe(id));

  it('never on a page of a site adapter’s hosts, even one that adapter does not read', () => {
    expect(adapterFor(new URL('https://arxiv.org/'))).toBeUndefined();
    expect(adapterFor(new URL('https://huggingface.co/models'))).toBeUndefined();
  });

  it('match patterns', () => {
    expect(matchesPattern('https://openreview.net/*', new URL('https://openreview.net/forum?id=x'))).toBe(true);
    expect(matchesPattern('https://openreview.net/*', new URL('https://evil.net/openreview.net/'))).toBe(false);
    expect(matchesPattern('https://*.example.org/*', new URL('https://a.b.example.org/x'))).toBe(true);
    expect(matchesPattern('https://*.example.org/*', new URL('https://example.org/'))).toBe(true);
    expect(matchesPattern('*://arxiv.org/list/*', new URL('http://arxiv.org/list/x'))).toBe(true);
    expect(matchesPattern('https://arxiv.org/list/*', new URL('https://arxiv.org/abs/x'))).toBe(false);
    expect(matchesPattern('not a pattern', new URL('https://arxiv.org/'))).toBe(false);
  });
});
