import { isElement, tagOf, type DomElement } from './dom.js';

/**
 * Eastmoney's markup, as the scrapers copy it into posts.
 *
 * Its auto-linker turns every stock, sector and keyword name it recognises into
 * `<span id="stock_1.600160"><a class="keytip" href="…">巨化股份</a></span>`
 * (`bk_…` for sectors, `Info.…` with `class="infokey"` for data keywords),
 * followed by an empty `<span id="quote_…">` slot for a live price. Later
 * mentions are `<span web="1" href="…" class="em_stock_key_common">`: a span,
 * so a browser shows plain text and no link. It also links inside words:
 * `C<span…><a…>PPI</a></span>B` is the fund CPPIB.
 *
 * Spans carry no meaning in Markdown and are unwrapped, which joins the
 * split word again; this module only tells which links the auto-linker made.
 * The chart block between `<!-- EM_StockImg_Start -->` comments is an ordinary
 * link around an image and converts as one; the `<p class="em_media">` source
 * line is an ordinary paragraph.
 */
const AUTO_LINK_CLASS = /(?:^|\s)(?:keytip|infokey|em_stock_key_common)(?:\s|$)/;
const AUTO_LINK_SPAN_ID = /^(?:stock|bk|Info)[._]/;

export function isStockNameLink(a: DomElement): boolean {
  if (AUTO_LINK_CLASS.test(a.getAttribute('class') ?? '')) return true;
  const parent = a.parentNode;
  return isElement(parent) && tagOf(parent) === 'span' && AUTO_LINK_SPAN_ID.test(parent.getAttribute('id') ?? '');
}
