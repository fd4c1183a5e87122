// Every id scheme (src/shared/ids/<scheme>.ts) through the one dispatcher, table-driven: which
// URLs name which paper, which look-alikes name none, and that each scheme's abstract and PDF
// URLs lead back to the same key. Test URLs follow the sites' real URL shapes (Zotero's
// translators keep the same rules); the ids are made up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_PARSERS, ID_SCHEMES, paperIdFromHref, paperIdFromUrl, type SchemeName } from '../../src/shared/ids/index';
import { bareHost, parseHref } from '../../src/shared/ids/url';
import { paperKeys, keyOf } from '../../src/shared/paper-id';

const HEX32 = '0123456789abcdef0123456789abcdef';
const HEX40 = 'e1ea10a288632a4003a4221759bc7f7a2df36208';

// [url, scheme, key, isPdf, extra aliases]
const NAMED: [string, SchemeName, string, boolean, string[]?][] = [
  ['https://arxiv.org/abs/2401.01234', 'arxiv', 'arxiv:2401.01234', false],
  ['https://arxiv.org/abs/2401.01234v3', 'arxiv', 'arxiv:2401.01234', false],
  ['http://arxiv.org/pdf/2401.01234v2.pdf', 'arxiv', 'arxiv:2401.01234', true],
  ['https://arxiv.org/pdf/2401.01234', 'arxiv', 'arxiv:2401.01234', true],
  ['https://arxiv.org/html/2401.01234v1/', 'arxiv', 'arxiv:2401.01234', false],
  ['https://www.arxiv.org/abs/math.GT/0309136', 'arxiv', 'arxiv:math/0309136', false],
  ['https://export.arxiv.org/abs/hep-th/9901001v2', 'arxiv', 'arxiv:hep-th/9901001', false],
  ['https://huggingface.co/papers/2401.01234', 'huggingface', 'arxiv:2401.01234', false],
  ['https://hf.co/papers/2401.01234', 'huggingface', 'arxiv:2401.01234', false],
  ['https://www.alphaxiv.org/abs/2401.01234v2', 'alphaxiv', 'arxiv:2401.01234', false],
  ['https://alphaxiv.org/overview/2401.01234', 'alphaxiv', 'arxiv:2401.01234', false],
  ['https://doi.org/10.1000/XYZ.123', 'doi', 'doi:10.1000/xyz.123', false],
  ['https://dx.doi.org/10.1016/S0000-0000(00)00000-0', 'doi', 'doi:10.1016/s0000-0000(00)00000-0', false],
  ['https://doi.org/10.48550/arXiv.2401.01234', 'arxiv', 'arxiv:2401.01234', false],
  ['https://doi.org/10.18653/v1/2023.acl-long.1', 'doi', 'doi:10.18653/v1/2023.acl-long.1', false, ['acl:2023.acl-long.1']],
  ['https://doi.org/10.18653/v1/P19-1001', 'doi', 'doi:10.18653/v1/p19-1001', false, ['acl:P19-1001']],
  ['https://dl.acm.org/doi/10.1145/3292500.3330701', 'doi', 'doi:10.1145/3292500.3330701', false],
  ['https://dl.acm.org/doi/pdf/10.1145/3292500.3330701', 'doi', 'doi:10.1145/3292500.3330701', true],
  ['https://link.springer.com/article/10.1007/s00000-000-0000-0', 'doi', 'doi:10.1007/s00000-000-0000-0', false],
  ['https://onlinelibrary.wiley.com/doi/full/10.1002/abcd.12345', 'doi', 'doi:10.1002/abcd.12345', false],
  ['https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0000001', 'doi', 'doi:10.1371/journal.pone.0000001', false],
  ['https://openreview.net/forum?id=AbC123xYz', 'openreview', 'openreview:AbC123xYz', false],
  ['https://openreview.net/forum?id=AbC123xYz&noteId=Qq1', 'openreview', 'openreview:AbC123xYz', false],
  ['https://openreview.net/pdf?id=AbC123xYz', 'openreview', 'openreview:AbC123xYz', true],
  ['https://aclanthology.org/2023.acl-long.1/', 'acl', 'acl:2023.acl-long.1', false],
  ['https://aclanthology.org/2023.acl-long.1.pdf', 'acl', 'acl:2023.acl-long.1', true],
  ['https://www.aclweb.org/anthology/P19-1001', 'acl', 'acl:P19-1001', false],
  [`https://www.semanticscholar.org/paper/Made-Up-Title-Doe-Roe/${HEX40}`, 'semanticScholar', `s2:${HEX40}`, false],
  [`https://www.semanticscholar.org/paper/${HEX40.toUpperCase()}`, 'semanticScholar', `s2:${HEX40}`, false],
  [`https://pdfs.semanticscholar.org/${HEX40.slice(0, 4)}/${HEX40.slice(4)}.pdf`, 'semanticScholar', `s2:${HEX40}`, true],
  ['https://pubmed.ncbi.nlm.nih.gov/31234567/', 'pubmed', 'pmid:31234567', false],
  ['https://www.ncbi.nlm.nih.gov/pubmed/31234567', 'pubmed', 'pmid:31234567', false],
  ['https://europepmc.org/article/MED/31234567', 'pubmed', 'pmid:31234567', false],
  ['https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/', 'pmc', 'pmcid:PMC7654321', false],
  ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7654321/', 'pmc', 'pmcid:PMC7654321', false],
  ['https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/pdf/main.pdf', 'pmc', 'pmcid:PMC7654321', true],
  ['https://europepmc.org/article/PMC/PMC7654321', 'pmc', 'pmcid:PMC7654321', false],
  ['https://www.biorxiv.org/content/10.1101/2024.01.15.575123v2', 'biorxiv', 'doi:10.1101/2024.01.15.575123', false],
  ['https://www.biorxiv.org/content/10.1101/2024.01.15.575123v2.full', 'biorxiv', 'doi:10.1101/2024.01.15.575123', false],
  ['https://www.biorxiv.org/content/10.1101/2024.01.15.575123v1.full.pdf', 'biorxiv', 'doi:10.1101/2024.01.15.575123', true],
  ['https://www.biorxiv.org/content/10.1101/2024.01.15.575123.abstract', 'biorxiv', 'doi:10.1101/2024.01.15.575123', false],
  ['https://www.medrxiv.org/content/10.1101/2023.11.02.23297981v1', 'biorxiv', 'doi:10.1101/2023.11.02.23297981', false],
  ['https://www.biorxiv.org/content/10.1101/123456v3', 'biorxiv', 'doi:10.1101/123456', false],
  ['https://doi.org/10.1101/2024.01.15.575123', 'doi', 'doi:10.1101/2024.01.15.575123', false],
  ['https://proceedings.mlr.press/v202/doe23a.html', 'pmlr', 'pmlr:v202/doe23a', false],
  ['http://proceedings.mlr.press/v97/roe19b/roe19b.pdf', 'pmlr', 'pmlr:v97/roe19b', true],
  ['http://jmlr.org/proceedings/papers/v37/doe15.html', 'pmlr', 'pmlr:v37/doe15', false],
  [`https://proceedings.neurips.cc/paper/2020/hash/${HEX32}-Abstract.html`, 'neurips', `neurips:2020/${HEX32}`, false],
  [`https://proceedings.neurips.cc/paper/2020/file/${HEX32}-Paper.pdf`, 'neurips', `neurips:2020/${HEX32}`, true],
  [`https://proceedings.neurips.cc/paper_files/paper/2023/hash/${HEX32}-Abstract-Conference.html`, 'neurips', `neurips:2023/${HEX32}`, false],
  [`https://proceedings.neurips.cc/paper_files/paper/2023/file/${HEX32}-Paper-Datasets_and_Benchmarks.pdf`, 'neurips', `neurips:2023/${HEX32}`, true],
  [`https://papers.nips.cc/paper/2019/hash/${HEX32}-Abstract.html`, 'neurips', `neurips:2019/${HEX32}`, false],
  ['http://openaccess.thecvf.com/content_CVPR_2019/html/Doe_Made_Up_Title_CVPR_2019_paper.html', 'cvf', 'cvf:content_CVPR_2019/Doe_Made_Up_Title_CVPR_2019_paper', false],
  ['http://openaccess.thecvf.com/content_CVPR_2019/papers/Doe_Made_Up_Title_CVPR_2019_paper.pdf', 'cvf', 'cvf:content_CVPR_2019/Doe_Made_Up_Title_CVPR_2019_paper', true],
  ['https://openaccess.thecvf.com/content/CVPR2023/html/Roe_Another_Title_CVPR_2023_paper.html', 'cvf', 'cvf:content/CVPR2023/Roe_Another_Title_CVPR_2023_paper', false],
  ['https://openaccess.thecvf.com/content/ICCV2023W/SomeWorkshop/papers/Roe_Workshop_Title_ICCVW_2023_paper.pdf', 'cvf', 'cvf:content/ICCV2023W/SomeWorkshop/Roe_Workshop_Title_ICCVW_2023_paper', true],
];

describe('paperIdFromUrl names the paper a link points at', () => {
  it.each(NAMED)('%s', (url, scheme, key, isPdf, extra = []) => {
    const link = paperIdFromUrl(url);
    expect(link).toMatchObject({ scheme, id: key, isPdf });
    expect(link?.aliases).toEqual([key, ...extra]);
    // The same answer from a parsed URL (the link finder's hot path).
    expect(paperIdFromUrl(new URL(url))?.id).toBe(key);
  });

  it.each(NAMED)('%s: its abstract and PDF URLs name the same paper', (url, _scheme, key) => {
    const link = paperIdFromUrl(url)!;
    expect(paperIdFromUrl(link.absUrl)?.id).toBe(key);
    expect(paperIdFromUrl(link.absUrl)?.isPdf).toBe(false);
    if (link.pdfUrl) {
      expect(paperIdFromUrl(link.pdfUrl)?.id).toBe(key);
      expect(paperIdFromUrl(link.pdfUrl)?.isPdf).toBe(true);
    }
  });
});

describe('an href on a page, read without building a URL where it is plain', () => {
  const PAGE = new URL('https://openaccess.thecvf.com/CVPR2019');

  it.each(NAMED)('%s: the same paper from the href, absolute, protocol- and root-relative', (url, scheme, key, isPdf, extra = []) => {
    const parsed = new URL(url);
    const expected = { scheme, id: key, aliases: [key, ...extra], isPdf };
    expect(paperIdFromHref(url, PAGE)).toMatchObject(expected);
    expect(paperIdFromHref(url.replace(/^https?:/u, ''), new URL(`${parsed.protocol}//example.org/`))).toMatchObject(expected);
    expect(paperIdFromHref(`${parsed.pathname}${parsed.search}`, new URL(`${parsed.origin}/some/page`))).toMatchObject(expected);
  });

  it('the parts of any href are what new URL gives', () => {
    const base = new URL('https://openreview.net/group/page?id=x');
    const part = (chars: string, max: number) => fc.string({ unit: fc.constantFrom(...chars), maxLength: max });
    const href = fc.oneof(
      fc.tuple(fc.constantFrom('https://', 'http://', '//', 'HTTPS://', '', '/', 'https:', 'ftp://'), part('abcXYZ019.-:@', 14), part('/abc.%2eE_~!$&()*+,;=:@ \\\'"<>{}|^`é', 24), part('?=&/abc%\'" #é', 10))
        .map(([scheme, host, path, rest]) => `${scheme}${host}${path}${rest}`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(href, (text) => {
        let expected: URL | null;
        try {
          expected = new URL(text, base);
          if (expected.protocol !== 'http:' && expected.protocol !== 'https:') expected = null;
        } catch {
          expected = null;
        }
        const got = parseHref(text, base);
        if (!expected) return got === null;
        if (!got) return false;
        return (
          got.hostname === expected.hostname &&
          got.pathname === expected.pathname &&
          [...got.searchParams].join('&') === [...expected.searchParams].join('&') &&
          bareHost(got) === bareHost(expected)
        );
      }),
      { numRuns: 3000 },
    );
  });
});

describe('each scheme’s paths: where on its hosts its papers are', () => {
  it.each(NAMED)('%s', (url, scheme) => {
    const parsed = new URL(url);
    // The scheme that reads the URL's host: DOIs and arXiv ids are read off other hosts too.
    const reader = (Object.values(ID_SCHEMES) as { hosts: readonly string[]; paths?: readonly string[] }[]).find((candidate) => candidate.hosts.includes(bareHost(parsed)));
    if (!reader?.paths || reader !== ID_SCHEMES[scheme]) return;
    expect(reader.paths.some((path) => parsed.pathname.startsWith(path)), `${parsed.pathname} begins with one of ${reader.paths.join(' ')}`).toBe(true);
  });
});

describe('paperIdFromUrl leaves every other link alone', () => {
  const OTHER: unknown[] = [
    'https://example.com/',
    'https://example.com/abs/2401.01234',
    'https://arxiv.org/list/cs.LG/new',
    'https://arxiv.org/abs/not-an-id',
    'https://huggingface.co/papers',
    'https://huggingface.co/models/2401.01234',
    'https://doi.org/',
    'https://openreview.net/group?id=ICLR.cc/2024/Conference',
    'https://openreview.net/profile?id=~Jane_Doe1',
    'https://aclanthology.org/events/acl-2023/',
    'https://aclanthology.org/people/j/jane-doe/',
    'https://www.aclweb.org/portal/',
    'https://www.semanticscholar.org/author/Jane-Doe/123456',
    'https://www.semanticscholar.org/search?q=graphs',
    'https://www.semanticscholar.org/paper/Title/12345',
    'https://pubmed.ncbi.nlm.nih.gov/?term=graphs',
    'https://pubmed.ncbi.nlm.nih.gov/clinical/',
    'https://www.ncbi.nlm.nih.gov/books/NBK1234/',
    'https://pmc.ncbi.nlm.nih.gov/journals/',
    'https://www.biorxiv.org/collection/neuroscience',
    'https://www.biorxiv.org/content/early/recent',
    'https://proceedings.mlr.press/v202/',
    'https://proceedings.mlr.press/v202/doe23a/doe23a-supp.pdf',
    'https://proceedings.neurips.cc/paper_files/paper/2023',
    `https://proceedings.neurips.cc/paper_files/paper/2023/file/${HEX32}-Supplemental-Conference.zip`,
    'https://openaccess.thecvf.com/CVPR2023?day=all',
    'https://openaccess.thecvf.com/content_CVPR_2019/supplemental/Doe_Title_CVPR_2019_supplemental.pdf',
    'https://github.com/doe/made-up-repo',
    'javascript:alert(1)',
    'mailto:doe@example.com',
    'ftp://arxiv.org/abs/2401.01234',
    `https://example.com/${'x'.repeat(3_000)}`,
    '',
    'not a url',
    null,
    42,
  ];
  it.each(OTHER.map((value) => [value]))('%s', (input) => {
    expect(paperIdFromUrl(input as string)).toBeNull();
  });
});

describe('each scheme module: parse, key, abstract URL, PDF URL', () => {
  // [scheme, text a page or user hands over, key, abstract URL, PDF URL]
  const TEXT: [SchemeName, string, string, string, string | undefined][] = [
    ['arxiv', 'arXiv:2401.01234v2', 'arxiv:2401.01234', 'https://arxiv.org/abs/2401.01234', 'https://arxiv.org/pdf/2401.01234'],
    ['doi', 'doi:10.1000/XYZ.', 'doi:10.1000/xyz', 'https://doi.org/10.1000/xyz', undefined],
    ['openreview', 'openreview.net/forum?id=AbC123xYz', 'openreview:AbC123xYz', 'https://openreview.net/forum?id=AbC123xYz', 'https://openreview.net/pdf?id=AbC123xYz'],
    ['acl', 'https://aclanthology.org/P19-1001', 'acl:P19-1001', 'https://aclanthology.org/P19-1001/', 'https://aclanthology.org/P19-1001.pdf'],
    ['semanticScholar', HEX40.toUpperCase(), `s2:${HEX40}`, `https://www.semanticscholar.org/paper/${HEX40}`, undefined],
    ['pubmed', 'PMID: 31234567', 'pmid:31234567', 'https://pubmed.ncbi.nlm.nih.gov/31234567/', undefined],
    ['pmc', 'pmc7654321', 'pmcid:PMC7654321', 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/', 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/pdf/'],
    ['biorxiv', '10.1101/2024.01.15.575123', 'doi:10.1101/2024.01.15.575123', 'https://www.biorxiv.org/content/10.1101/2024.01.15.575123', 'https://www.biorxiv.org/content/10.1101/2024.01.15.575123.full.pdf'],
    ['pmlr', 'pmlr:v202/doe23a', 'pmlr:v202/doe23a', 'https://proceedings.mlr.press/v202/doe23a.html', 'https://proceedings.mlr.press/v202/doe23a/doe23a.pdf'],
    ['neurips', `neurips:2021/${HEX32}`, `neurips:2021/${HEX32}`, `https://proceedings.neurips.cc/paper_files/paper/2021/hash/${HEX32}-Abstract.html`, `https://proceedings.neurips.cc/paper_files/paper/2021/file/${HEX32}-Paper.pdf`],
    ['neurips', `neurips:2024/${HEX32}`, `neurips:2024/${HEX32}`, `https://proceedings.neurips.cc/paper_files/paper/2024/hash/${HEX32}-Abstract-Conference.html`, `https://proceedings.neurips.cc/paper_files/paper/2024/file/${HEX32}-Paper-Conference.pdf`],
    ['cvf', 'cvf:content/CVPR2023/Roe_Title_CVPR_2023_paper', 'cvf:content/CVPR2023/Roe_Title_CVPR_2023_paper', 'https://openaccess.thecvf.com/content/CVPR2023/html/Roe_Title_CVPR_2023_paper.html', 'https://openaccess.thecvf.com/content/CVPR2023/papers/Roe_Title_CVPR_2023_paper.pdf'],
    ['huggingface', 'hf.co/papers/2401.01234', 'arxiv:2401.01234', 'https://huggingface.co/papers/2401.01234', 'https://arxiv.org/pdf/2401.01234'],
    ['alphaxiv', 'alphaxiv.org/abs/2401.01234', 'arxiv:2401.01234', 'https://www.alphaxiv.org/abs/2401.01234', 'https://arxiv.org/pdf/2401.01234'],
  ];
  it.each(TEXT)('%s: %s', (name, text, key, absUrl, pdfUrl) => {
    const scheme = ID_SCHEMES[name] as {
      key: (id: unknown) => string;
      absUrl: (id: unknown) => string;
      pdfUrl: (id: unknown) => string | undefined;
    };
    const id = (ID_PARSERS[name] as (t: string) => unknown)(text);
    expect(id).not.toBeNull();
    expect(scheme.key(id)).toBe(key);
    expect(scheme.absUrl(id)).toBe(absUrl);
    expect(scheme.pdfUrl(id)).toBe(pdfUrl);
  });

  it.each(Object.keys(ID_SCHEMES) as SchemeName[])('%s parse answers null to garbage', (name) => {
    const parse = ID_PARSERS[name] as (t: unknown) => unknown;
    for (const junk of ['', '   ', 'hello', 'https://example.com/paper/1', 'x'.repeat(5_000), null, undefined, 7]) {
      expect(parse(junk)).toBeNull();
    }
  });

  it('a PMID needs its scheme to be known: a bare number is not a key by itself', () => {
    expect(keyOf('31234567')).toBeNull();
  });
});

describe('paperKeys and keyOf know every scheme', () => {
  it('site ids from a page join the arXiv id and DOI as aliases, in canonical order', () => {
    expect(paperKeys({ pmid: '31234567', pmcid: 'PMC7654321', doi: '10.1000/A', s2: HEX40 })).toEqual({
      id: 'doi:10.1000/a',
      aliases: ['doi:10.1000/a', 'pmid:31234567', 'pmcid:PMC7654321', `s2:${HEX40}`],
    });
  });
  it('a paper-site URL gives its key, not a url: key', () => {
    expect(paperKeys({ url: 'https://pubmed.ncbi.nlm.nih.gov/31234567/' })).toEqual({ id: 'pmid:31234567', aliases: ['pmid:31234567'] });
    expect(keyOf('https://proceedings.mlr.press/v202/doe23a.html')).toBe('pmlr:v202/doe23a');
    expect(keyOf('https://dl.acm.org/doi/10.1145/3292500.3330701')).toBe('doi:10.1145/3292500.3330701');
  });
  it('an ACL DOI brings the anthology id', () => {
    expect(paperKeys({ doi: '10.18653/v1/2023.acl-long.1' })?.aliases).toEqual(['doi:10.18653/v1/2023.acl-long.1', 'acl:2023.acl-long.1']);
  });
  it('a URL never adds a second id of a scheme the page already gave', () => {
    expect(paperKeys({ arxiv: '2401.01234', url: 'https://arxiv.org/abs/2402.05678' })?.aliases).toEqual(['arxiv:2401.01234']);
  });
});
