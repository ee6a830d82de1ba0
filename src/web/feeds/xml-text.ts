/**
 * Characters XML 1.0 forbids anywhere in a document (C0 controls other than tab, newline and
 * carriage return, U+FFFE/U+FFFF and lone surrogates). Imported text sometimes holds them; an
 * XML writer escapes markup but would pass these through and make the whole feed unparseable.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A value ready for xmlbuilder2's `txt()` or an attribute: the characters XML cannot carry are
 * removed, and every `&` is written as `&amp;` here. xmlbuilder2 escapes `<` and `>` but leaves an
 * `&` that starts something shaped like an entity (`&lt;`) as it is, so without this a title
 * reading `&lt;script&gt;`, or the escaped text of a body, would decode to live markup.
 */
export function xmlChars(text: string): string {
  return text.replace(XML_ILLEGAL, '').replace(/&/g, '&amp;');
}

/** Plain text as HTML source: for fields that feed readers render as HTML. */
export function textAsHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
