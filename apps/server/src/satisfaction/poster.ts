import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Config } from '../config.ts';
import type { RequestContext } from '../http/route.ts';
import { counterOf } from './setup.ts';

/** A host name or address, with an optional port: what a Host header may hold. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The address the citizens' links and QR codes start with. PUBLIC_URL when it is set. Otherwise
 * the address this request came to: the officer printing the poster reached the server there, so
 * phones on the same network will too, whatever port it runs on (a fixed http://localhost:3000
 * printed a QR code that opened nothing). A Host header that is not a host falls back to
 * http://localhost:<port>.
 */
export function publicBase(config: Pick<Config, 'publicUrl' | 'publicUrlConfigured'>, req: FastifyRequest) {
  if (config.publicUrlConfigured) return config.publicUrl;
  const host = req.host;
  return host && HOST.test(host) ? `${req.protocol}://${host}` : config.publicUrl;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The public rating page of a counter: what its QR code opens. */
export function ratingLink(publicUrl: string, communeCode: string, counterId: string) {
  return `${publicUrl}/p/${encodeURIComponent(communeCode)}/danh-gia?quay=${counterId}`;
}

/**
 * An A5 poster (SVG, 148 x 210 mm) for a counter: the commune's name, the counter, a short
 * call to rate and the QR code of the rating page. The console turns it into PNG or prints it.
 */
export async function counterPoster(ctx: RequestContext, counterId: string, base: string) {
  const counter = await counterOf(ctx, counterId);
  const commune = await ctx.db
    .selectFrom('communes')
    .select(['code', 'name'])
    .where('id', '=', counter.commune_id)
    .executeTakeFirstOrThrow();
  const link = ratingLink(base, commune.code, counter.id);
  const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const cells: string[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(x, y)) cells.push(`M${x} ${y}h1v1h-1z`);
    }
  }
  const box = 100;
  const scale = box / (size + 8);
  const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 148 210" font-family="Arial, 'Noto Sans', sans-serif">
  <title>${escapeXml(`${commune.name} - Quầy ${counter.number}`)}</title>
  <rect width="148" height="210" fill="#ffffff"/>
  <rect x="4" y="4" width="140" height="202" fill="none" stroke="#c8102e" stroke-width="1.2" rx="4"/>
  <text x="74" y="20" text-anchor="middle" font-size="6" font-weight="bold" fill="#c8102e">UBND ${escapeXml(commune.name.toUpperCase())}</text>
  <text x="74" y="28" text-anchor="middle" font-size="4.2" fill="#333">Trung tâm Phục vụ hành chính công</text>
  <text x="74" y="44" text-anchor="middle" font-size="11" font-weight="bold" fill="#111">QUẦY SỐ ${counter.number}</text>
  <text x="74" y="53" text-anchor="middle" font-size="5" fill="#111">${escapeXml(counter.name)}</text>
  <g transform="translate(${(148 - box) / 2} 60) scale(${scale})">
    <path d="${cells.join('')}" fill="#000" transform="translate(4 4)"/>
  </g>
  <text x="74" y="172" text-anchor="middle" font-size="6.5" font-weight="bold" fill="#c8102e">Ông/bà có hài lòng không?</text>
  <text x="74" y="181" text-anchor="middle" font-size="4.5" fill="#111">Quét mã QR để đánh giá, chỉ mất 10 giây.</text>
  <text x="74" y="188" text-anchor="middle" font-size="4.5" fill="#111">Không cần đăng nhập, không cần cho biết họ tên.</text>
  <text x="74" y="199" text-anchor="middle" font-size="3" fill="#555">${escapeXml(link)}</text>
</svg>`;
  return { svg, link, fileName: `Áp phích mã QR quầy ${counter.number}.svg` };
}
