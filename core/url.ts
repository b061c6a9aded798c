/**
 * Links people enter (a decision's publication, a measure's evidence, an ИОМ resource, a normative act) are
 * opened by others with one click: only web addresses are accepted — `javascript:`, `data:` or `file:` links
 * would run or open something on the reader's computer.
 */
export const WEB_URL_PATTERN = /^https?:\/\/[^\s/?#@]+(?:[/?#][^\s]*)?$/i;
export const WEB_URL_MESSAGE = 'укажите адрес страницы, начинающийся с http:// или https://';

/** An http(s) address with a host, as the browser will read it. */
export function isWebUrl(value: string): boolean {
  if (!WEB_URL_PATTERN.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}
