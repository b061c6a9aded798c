import QRCode from 'qrcode';
import { formatRuDate } from '../../../core/dates.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The printable notice of an anonymous survey for one organization: the link and its QR code (inline SVG).
 * The link is the organization's, the same for everyone: opening it gives the device a one-time token.
 */
export async function noticeHtml(notice: {
  title: string;
  organizationName: string;
  closesOn: string;
  link: string;
}): Promise<string> {
  const qr = await QRCode.toString(notice.link, { type: 'svg', margin: 1, width: 320 });
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Объявление: ${escapeHtml(notice.title)}</title>
<style>body{font-family:sans-serif;max-width:720px;margin:2em auto;text-align:center}
.qr svg{width:320px;height:320px}.link{font-size:18px;word-break:break-all}@media print{button{display:none}}</style>
</head><body>
<h1>Анкетирование педагогов</h1>
<h2>«${escapeHtml(notice.title)}»</h2>
<p>${escapeHtml(notice.organizationName)}</p>
<p>Просим ответить на вопросы анкеты до <b>${formatRuDate(notice.closesOn)}</b>. Анкета <b>анонимная</b>:
ответ не связывается ни с вашим именем, ни с учётной записью, ни с устройством.</p>
<div class="qr">${qr}</div>
<p>Наведите камеру телефона на QR-код или откройте ссылку:</p>
<p class="link">${escapeHtml(notice.link)}</p>
</body></html>`;
}
