import { describe, expect, it } from 'vitest';
import {
  arxivIdOf,
  canonicalId,
  doiOf,
  keyOf,
  keysOf,
  normalizeUrl,
  pageKeys,
  paperKeys,
  parseAclId,
  parseArxivId,
  parseDoi,
  parseOpenReviewId,
} from '../../src/shared/paper-id';

describe('parseArxivId accepts every form users meet', () => {
  const valid: [input: string, id: string, version?: number][] = [
    ['2401.01234', '2401.01234'],
    ['2401.01234v3', '2401.01234', 3],
    ['2401.01234v12', '2401.01234', 12],
    ['  2401.01234  ', '2401.01234'],
    ['arXiv:2401.01234', '2401.01234'],
    ['arxiv:2401.01234v2', '2401.01234', 2],
    ['ARXIV: 2401.01234', '2401.01234'],
    ['0704.0001', '0704.0001'],
    ['1412.9999v1', '1412.9999', 1],
    ['1501.00001', '1501.00001'],
    ['9912.12345', '9912.12345'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    ['math.GT/0309136', 'math/0309136'],
    ['math.GT/0309136v1', 'math/0309136', 1],
    ['arXiv:math.GT/0309136', 'math/0309136'],
    ['cond-mat.mes-hall/0612001', 'cond-mat/0612001'],
    ['cs.AI/0101001', 'cs/0101001'],
    ['HEP-TH/9901001', 'hep-th/9901001'],
    ['quant-ph/0703001', 'quant-ph/0703001'],
    ['astro-ph/9101001', 'astro-ph/9101001'],
    ['2401.01234.pdf', '2401.01234'],
    ['/abs/2401.01234', '2401.01234'],
    ['/abs/2401.01234v4', '2401.01234', 4],
    ['/abs/math/0309136', 'math/0309136'],
    ['/pdf/2401.01234.pdf', '2401.01234'],
    ['/pdf/2401.01234v2', '2401.01234', 2],
    ['/pdf/2401.01234v2.pdf', '2401.01234', 2],
    ['/html/2401.01234v1', '2401.01234', 1],
    ['/abs/2401.01234?context=cs', '2401.01234'],
    ['https://arxiv.org/abs/2401.01234', '2401.01234'],
    ['https://arxiv.org/abs/2401.01234v3#comments', '2401.01234', 3],
    ['http://arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001', 1],
    ['https://arxiv.org/abs/math.GT/0309136', 'math/0309136'],
    ['https://www.arxiv.org/pdf/2401.01234.pdf', '2401.01234'],
    ['https://arxiv.org/pdf/2401.01234v2', '2401.01234', 2],
    ['https://export.arxiv.org/abs/2401.01234', '2401.01234'],
    ['https://arxiv.org/html/2401.01234v1/', '2401.01234', 1],
    ['https://arxiv.org/pdf/math/0309136v2.pdf', 'math/0309136', 2],
    ['arxiv.org/abs/2401.01234', '2401.01234'],
    ['https://huggingface.co/papers/2401.01234', '2401.01234'],
    ['huggingface.co/papers/2401.01234', '2401.01234'],
    ['https://huggingface.co/papers/2401.01234?utm_source=x', '2401.01234'],
    ['https://alphaxiv.org/abs/2401.01234', '2401.01234'],
    ['https://www.alphaxiv.org/abs/2401.01234v2', '2401.01234', 2],
    ['alphaxiv.org/abs/2401.01234', '2401.01234'],
    ['10.48550/arXiv.2401.01234', '2401.01234'],
    ['10.48550/ARXIV.2401.01234', '2401.01234'],
    ['doi:10.48550/arXiv.2401.01234', '2401.01234'],
    ['https://doi.org/10.48550/arXiv.2401.01234', '2401.01234'],
    ['https://doi.org/10.48550%2FarXiv.2401.01234', '2401.01234'],
    ['10.48550/arXiv.hep-th/9901001', 'hep-th/9901001'],
  ];
  it.each(valid)('%s → %s v%s', (input, id, version) => {
    const parsed = parseArxivId(input);
    expect(parsed).toEqual(version === undefined ? { id } : { id, version });
  });
});

describe('parseArxivId rejects garbage with null', () => {
  const invalid: unknown[] = [
    '',
    '   ',
    'hello',
    '2401.1234', // 4 digits after 2015
    '1501.1234',
    '1412.12345', // 5 digits before 2015
    '0704.00001',
    '2413.01234', // month 13
    '2400.01234', // month 0
    '0703.0001', // before new-style ids began
    '2401.00000',
    '2401.01234v0',
    '2401.01234v',
    '2401.012345',
    '24010.1234',
    '2401-01234',
    'arXiv:',
    'arXiv:abc',
    'foo/9901001', // not an archive
    'hep-th/990100', // 6 digits
    'hep-th/99010011',
    'hep-th/9913001', // month 13
    'hep-th/0801001', // old style after March 2007
    'hep-th/0000000',
    'math.GT/',
    'https://example.com/abs/2401.01234',
    'https://arxiv.org/list/cs.LG/new',
    'https://arxiv.org/abs/',
    'https://arxiv.org/abs/not-an-id',
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/trending',
    'https://alphaxiv.org/',
    'javascript:alert(1)',
    'ftp://arxiv.org/abs/2401.01234',
    '10.1000/xyz123', // a DOI, but not an arXiv one
    '10.48550/arXiv.2401.1234',
    '/list/cs.LG/2401',
    'https://arxiv.org/abs/%E0%A4%A',
    '2401.01234 2402.01234',
    '<script>2401.01234</script>',
    'x'.repeat(100_000),
    null,
    undefined,
    42,
    {},
  ];
  it.each(invalid.map((value) => [value]))('%s', (input) => {
    expect(parseArxivId(input as string)).toBeNull();
  });
});

describe('parseDoi', () => {
  const valid: [string, string][] = [
    ['10.1000/xyz123', '10.1000/xyz123'],
    ['10.1103/PhysRevLett.110.067208', '10.1103/physrevlett.110.067208'],
    ['doi:10.1000/XYZ', '10.1000/xyz'],
    ['DOI: 10.1000/xyz', '10.1000/xyz'],
    ['https://doi.org/10.1000/xyz', '10.1000/xyz'],
    ['http://dx.doi.org/10.1000/xyz', '10.1000/xyz'],
    ['doi.org/10.1000/xyz', '10.1000/xyz'],
    ['https://doi.org/10.1000%2Fxyz', '10.1000/xyz'],
    ['10.1000%2Fabc%3Adef', '10.1000/abc:def'],
    ['10.1000/xyz.', '10.1000/xyz'],
    ['10.1000/xyz,', '10.1000/xyz'],
    ['10.1000/xyz);', '10.1000/xyz'],
    ['10.1016/S0000-0000(00)00000-0', '10.1016/s0000-0000(00)00000-0'],
    ['10.1016/0000-0000(90)9000X)', '10.1016/0000-0000(90)9000x'],
    ['10.48550/arXiv.2401.01234', '10.48550/arxiv.2401.01234'],
    ['https://doi.org/10.1000/xyz#section', '10.1000/xyz'],
  ];
  it.each(valid)('%s → %s', (input, doi) => {
    expect(parseDoi(input)).toBe(doi);
  });

  const invalid: unknown[] = ['', 'doi:', '10.1000', '10.1/xyz', '11.1000/xyz', 'https://doi.org/', 'https://doi.org/%E0%A4%A', 'xyz', '10.1000/ ', '(10.1000/xyz)', null, 5];
  it.each(invalid.map((value) => [value]))('rejects %s', (input) => {
    expect(parseDoi(input as string)).toBeNull();
  });

  it('compares case-insensitively', () => {
    expect(parseDoi('10.1000/ABC')).toBe(parseDoi('https://doi.org/10.1000/abc'));
  });
});

describe('other site ids', () => {
  it.each([
    ['https://openreview.net/forum?id=AbC123xYz', 'AbC123xYz'],
    ['https://openreview.net/pdf?id=AbC123xYz', 'AbC123xYz'],
    ['openreview.net/forum?id=AbC123xYz&noteId=zzz', 'AbC123xYz'],
  ])('openreview %s', (input, id) => expect(parseOpenReviewId(input)).toBe(id));
  it.each(['https://openreview.net/group?id=ICLR.cc', 'https://openreview.net/forum', 'https://example.com/forum?id=AbC123xYz', ''])(
    'openreview rejects %s',
    (input) => expect(parseOpenReviewId(input)).toBeNull(),
  );
  it.each([
    ['https://aclanthology.org/2023.acl-long.1/', '2023.acl-long.1'],
    ['https://aclanthology.org/2023.acl-long.1.pdf', '2023.acl-long.1'],
    ['https://aclanthology.org/P19-1001', 'P19-1001'],
  ])('acl %s', (input, id) => expect(parseAclId(input)).toBe(id));
  it.each(['https://aclanthology.org/', 'https://aclanthology.org/events/acl-2023/', 'P19-1001'])('acl rejects %s', (input) =>
    expect(parseAclId(input)).toBeNull(),
  );
});

describe('normalizeUrl', () => {
  it.each([
    ['https://example.com/paper', 'https://example.com/paper'],
    ['http://www.Example.com/paper/', 'https://example.com/paper'],
    ['https://example.com/paper#intro', 'https://example.com/paper'],
    ['https://example.com/paper?utm_source=x&id=3&fbclid=y', 'https://example.com/paper?id=3'],
    ['https://example.com:443/', 'https://example.com/'],
  ])('%s → %s', (input, url) => expect(normalizeUrl(input)).toBe(url));
  it.each(['', 'not a url', 'javascript:alert(1)', 'file:///etc/passwd', 'mailto:a@b.c'])('rejects %s', (input) =>
    expect(normalizeUrl(input)).toBeNull(),
  );
});

describe('paperKeys: canonical key order arxiv > doi > openreview/acl > url', () => {
  it('arXiv id wins and the journal DOI stays as an alias', () => {
    expect(paperKeys({ arxiv: '2401.01234v2', doi: 'https://doi.org/10.1000/XYZ' })).toEqual({
      id: 'arxiv:2401.01234',
      aliases: ['arxiv:2401.01234', 'doi:10.1000/xyz'],
    });
  });
  it('the arXiv DOI is the arXiv id, not a second key', () => {
    expect(paperKeys({ doi: '10.48550/arXiv.2401.01234' })).toEqual({ id: 'arxiv:2401.01234', aliases: ['arxiv:2401.01234'] });
  });
  it('an arXiv URL is the arXiv id', () => {
    expect(paperKeys({ url: 'https://huggingface.co/papers/2401.01234' })).toEqual({
      id: 'arxiv:2401.01234',
      aliases: ['arxiv:2401.01234'],
    });
  });
  it('DOI before OpenReview and ACL', () => {
    expect(paperKeys({ doi: '10.1000/a', openreview: 'https://openreview.net/forum?id=AbC123xYz', acl: 'P19-1001' })).toEqual({
      id: 'doi:10.1000/a',
      aliases: ['doi:10.1000/a', 'openreview:AbC123xYz', 'acl:P19-1001'],
    });
  });
  it('URL only as the last resort', () => {
    expect(paperKeys({ url: 'http://www.example.com/p/1/' })).toEqual({ id: 'url:https://example.com/p/1', aliases: ['url:https://example.com/p/1'] });
    expect(paperKeys({ doi: '10.1000/a', url: 'https://example.com/p/1' })?.aliases).toEqual(['doi:10.1000/a']);
  });
  it('old-style ids keep the archive and drop the subject class', () => {
    expect(paperKeys({ arxiv: 'math.GT/0309136' })?.id).toBe('arxiv:math/0309136');
  });
  it('nothing usable gives null', () => {
    expect(paperKeys({})).toBeNull();
    expect(paperKeys({ arxiv: 'nope', doi: 'nope', url: 'nope', openreview: '!', acl: '' })).toBeNull();
  });
});

describe('pageKeys: paperKeys for what a page says (arXiv id, DOI, URL)', () => {
  const PAGE_SAYS = [
    { arxiv: '2401.01234v2', doi: 'https://doi.org/10.1000/XYZ' },
    { doi: '10.48550/arXiv.2401.01234' },
    { doi: '10.18653/v1/2023.acl-long.1', url: 'https://example.com/p/1' },
    { doi: '10.1000/a', url: 'https://openreview.net/forum?id=AbC123xYz' },
    { url: 'https://pubmed.ncbi.nlm.nih.gov/31234567/' },
    { url: 'http://www.example.com/p/1/' },
    { arxiv: 'nope', doi: 'nope', url: 'nope' },
  ];
  it.each(PAGE_SAYS)('%o', (ids) => {
    expect(pageKeys(ids)).toEqual(paperKeys(ids));
  });
  it('an ACL DOI brings its anthology id', () => {
    expect(pageKeys({ doi: '10.18653/v1/2023.acl-long.1' })?.aliases).toEqual(['doi:10.18653/v1/2023.acl-long.1', 'acl:2023.acl-long.1']);
  });
  it('a given ACL id that does not parse is not replaced by the DOI\'s', () => {
    expect(paperKeys({ doi: '10.18653/v1/2023.acl-long.1', acl: '!' })?.aliases).toEqual(['doi:10.18653/v1/2023.acl-long.1']);
  });
});

describe('keyOf', () => {
  it.each([
    ['arXiv:2401.01234v5', 'arxiv:2401.01234'],
    ['https://arxiv.org/abs/hep-th/9901001', 'arxiv:hep-th/9901001'],
    ['https://doi.org/10.1000/ABC.', 'doi:10.1000/abc'],
    ['https://openreview.net/forum?id=AbC123xYz', 'openreview:AbC123xYz'],
    ['https://aclanthology.org/P19-1001.pdf', 'acl:P19-1001'],
    ['https://example.com/x/', 'url:https://example.com/x'],
  ])('%s → %s', (input, key) => expect(keyOf(input)).toBe(key));
  it.each(['', 'nothing', '2401.1234'])('rejects %s', (input) => expect(keyOf(input)).toBeNull());
});

describe('keys of a known paper', () => {
  it('lists the own id first, then aliases, without repeats', () => {
    expect(keysOf({ id: 'arxiv:2401.01234', aliases: ['doi:10.1/x', 'arxiv:2401.01234'] })).toEqual([
      'arxiv:2401.01234',
      'doi:10.1/x',
    ]);
    expect(keysOf({ id: 'doi:10.1/x' })).toEqual(['doi:10.1/x']);
  });

  it('picks the canonical id in the same order as paperKeys', () => {
    const keys = paperKeys({ doi: '10.1000/ABC', arxiv: '2401.01234', url: 'https://example.org/p' })!;
    expect(canonicalId([...keys.aliases].reverse())).toBe(keys.id);
    expect(canonicalId(['url:https://example.org/p', 'openreview:abc', 'doi:10.1/x'])).toBe('doi:10.1/x');
    expect(canonicalId(['url:https://example.org/p', 'openreview:abc'])).toBe('openreview:abc');
    expect(canonicalId(['acl:2020.acl-main.1', 'openreview:abc'])).toBe('acl:2020.acl-main.1');
  });

  it('reads the arXiv id and DOI out of the keys', () => {
    const paper = { id: 'arxiv:math/0309136', aliases: ['doi:10.1000/abc'] };
    expect(arxivIdOf(paper)).toBe('math/0309136');
    expect(doiOf(paper)).toBe('10.1000/abc');
    expect(arxivIdOf({ id: 'doi:10.1000/abc', aliases: [] })).toBeUndefined();
  });
});
