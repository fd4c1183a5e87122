// What every id scheme module (src/shared/ids/<scheme>.ts) offers: one place per scheme for its
// URL rules and id grammar, as Zotero keeps a site's id knowledge in its translator. DOM-free.
// A scheme's text parser (an id in whatever a user or a file hands over) is a function of its
// module beside the scheme, not a member (ID_PARSERS in ids/index.ts has them all): the content
// scripts read URLs, and a member would bring every parser into them.
import type { PaperId } from '../paper';
import type { UrlParts } from './url';

export interface IdScheme<Id> {
  /** Hostnames (lower case, without `www.`) whose URLs `fromUrl` reads; empty for text-only schemes. */
  readonly hosts: readonly string[];
  /**
   * Where on `hosts` its papers are: every path `fromUrl` accepts starts with one of these, as
   * written (case included; percent-escaped letters aside). A page on one of `hosts` picks the
   * relative links worth reading by them (the link finder, before it reads any). Omitted where a
   * paper's path may start anyhow.
   */
  readonly paths?: readonly string[];
  /** An id from a URL of one of `hosts` (already parsed, or cut out of an href), or null. Never throws. */
  fromUrl: (url: UrlParts) => Id | null;
  /** The canonical key (DESIGN.md "Paper identity"). */
  key: (id: Id) => PaperId;
  /** Further keys the id itself proves (an ACL DOI is also an ACL Anthology id). */
  aliases?: (id: Id) => PaperId[];
  /** The paper's landing page. */
  absUrl: (id: Id) => string;
  /** The paper's PDF, where the id alone says where it is. */
  pdfUrl: (id: Id) => string | undefined;
}
