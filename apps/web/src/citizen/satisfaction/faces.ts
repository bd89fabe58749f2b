export const FACES = [
  { score: 1, label: 'Rất không hài lòng' },
  { score: 2, label: 'Không hài lòng' },
  { score: 3, label: 'Bình thường' },
  { score: 4, label: 'Hài lòng' },
  { score: 5, label: 'Rất hài lòng' },
] as const;

// The default "4 xin, 4 luôn, 5 không" (packages/domain satisfaction/conduct.ts), copied so
// the phone does not download the domain package.
export const DONE_ITEMS = [
  { key: 'xin_chao', label: 'Xin chào' },
  { key: 'xin_loi', label: 'Xin lỗi' },
  { key: 'xin_cam_on', label: 'Xin cảm ơn' },
  { key: 'xin_phep', label: 'Xin phép' },
  { key: 'luon_mim_cuoi', label: 'Luôn mỉm cười' },
  { key: 'luon_nhe_nhang', label: 'Luôn nhẹ nhàng' },
  { key: 'luon_lang_nghe', label: 'Luôn lắng nghe' },
  { key: 'luon_giup_do', label: 'Luôn giúp đỡ' },
];
export const BREACH_ITEMS = [
  { key: 'khong_tho_o', label: 'Phân biệt đối xử, thờ ơ, vô cảm' },
  { key: 'khong_gay_kho_khan', label: 'Gây khó khăn, phiền hà, vòi vĩnh' },
  { key: 'khong_viec_rieng', label: 'Làm việc riêng khi người dân chờ' },
  { key: 'khong_hach_dich', label: 'Hách dịch, cửa quyền, gợi ý dịch vụ không cần thiết' },
  { key: 'khong_tre_hen', label: 'Hẹn miệng, chậm tiếp nhận hoặc trả kết quả' },
];

export function percent(index: number | null): string {
  return index === null ? 'chưa có dữ liệu' : `${(index * 100).toFixed(1).replace('.', ',')}%`;
}
