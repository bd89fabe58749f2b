import type { Reward } from '@cqtt/contract/rewards';
import { type Block, buildOfficialDocument } from '../documents/official.ts';

/** The leader's reward decision (Quyết định khen thưởng) in the Nghị định 30 format. */
export function rewardDecisionDocx(
  reward: Reward,
  commune: { name: string },
  signerName: string,
): Promise<Buffer> {
  const place = commune.name.replace(/^(xã|phường|đặc khu)\s+/iu, '');
  const who = `${reward.nomineeKind === 'individual' ? 'Ông (bà) ' : ''}${reward.nomineeName}${
    reward.nomineePosition ? `, ${reward.nomineePosition}` : ''
  }`;
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${commune.name.toLocaleUpperCase('vi-VN')}`,
      bold: true,
    },
    { kind: 'paragraph', text: 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;', italic: true },
    {
      kind: 'paragraph',
      text: `Căn cứ Kế hoạch triển khai thực hiện mô hình “Chính quyền thân thiện” trên địa bàn ${commune.name} giai đoạn 2026-2030;`,
      italic: true,
    },
    {
      kind: 'paragraph',
      text: `Xét đề nghị của Phòng Văn hóa - Xã hội${reward.mttqComment ? ' và ý kiến của Ủy ban Mặt trận Tổ quốc Việt Nam xã' : ''}.`,
      italic: true,
    },
    { kind: 'heading', text: 'QUYẾT ĐỊNH:' },
    {
      kind: 'paragraph',
      text: `Điều 1. Tặng ${reward.form} cho ${who}, đã có thành tích tiêu biểu trong thực hiện mô hình “Chính quyền thân thiện” năm ${reward.year}: ${reward.achievements.replace(/\s+$/, '')}`,
    },
    {
      kind: 'paragraph',
      text: 'Điều 2. Quyết định có hiệu lực kể từ ngày ký. Kinh phí khen thưởng thực hiện theo quy định hiện hành.',
    },
    {
      kind: 'paragraph',
      text: `Điều 3. Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội, các cơ quan, đơn vị liên quan và ${reward.nomineeKind === 'individual' ? 'cá nhân' : 'tập thể'} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
    },
  ];
  return buildOfficialDocument({
    issuer: ['Ủy ban nhân dân', commune.name],
    number: reward.decisionNumber,
    symbol: 'QĐ-UBND',
    place,
    date: reward.decisionDate,
    year: reward.year,
    type: 'Quyết định',
    subject: `Về việc khen thưởng ${reward.nomineeKind === 'individual' ? 'cá nhân' : 'tập thể'} có thành tích trong thực hiện mô hình “Chính quyền thân thiện” năm ${reward.year}`,
    body,
    recipients: ['Như Điều 3', 'CT, các PCT UBND xã', 'Lưu: VT, VHXH'],
    signature: { lines: ['CHỦ TỊCH'], name: signerName },
    creator: 'cqtt',
  });
}
