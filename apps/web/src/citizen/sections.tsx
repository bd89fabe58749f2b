import { type ComponentType, lazy } from 'react';

const SatisfactionResults = lazy(() => import('./satisfaction/ResultsBlock'));
const FeedbackHomeBlock = lazy(() => import('./feedback/FeedbackHomeBlock'));
const OutreachBlock = lazy(() => import('./outreach/OutreachBlock'));
const ResultsBlock = lazy(() => import('./reports/ResultsBlock'));

/**
 * What the commune's public home page (/p/:communeCode) shows, in order. Each capability
 * adds its own block here (e.g. satisfaction results, feedback figures and published answers,
 * slogans and outreach); a block reads the commune with useCommune().
 */
export interface HomeSection {
  key: string;
  Component: ComponentType;
}

export const HOME_SECTIONS: HomeSection[] = [
  { key: 'satisfaction', Component: SatisfactionResults },
  { key: 'feedback', Component: FeedbackHomeBlock },
  { key: 'outreach', Component: OutreachBlock },
  { key: 'reports', Component: ResultsBlock },
];

/** Links from the home page to what a citizen can do, e.g. "Gửi phản ánh, kiến nghị". */
export interface HomeAction {
  key: string;
  label: string;
  /** Relative to /p/:communeCode/ */
  path: string;
  description: string;
}

export const HOME_ACTIONS: HomeAction[] = [
  {
    key: 'satisfaction.rate',
    label: 'Đánh giá sự hài lòng',
    path: 'danh-gia',
    description: 'Chạm một mặt cười sau khi làm thủ tục tại Trung tâm Phục vụ hành chính công',
  },
  {
    key: 'satisfaction.survey',
    label: 'Phiếu khảo sát 5 yếu tố',
    path: 'khao-sat',
    description: 'Khoảng 2 phút: tiếp cận dịch vụ, thủ tục, công chức, kết quả, góp ý',
  },
  {
    key: 'feedback.send',
    label: 'Gửi phản ánh, kiến nghị',
    path: 'phan-anh',
    description: 'Không cần tài khoản; nhận mã để theo dõi và xem câu trả lời',
  },
  {
    key: 'feedback.track',
    label: 'Theo dõi phản ánh',
    path: 'phan-anh/theo-doi',
    description: 'Nhập mã theo dõi để xem tình trạng xử lý và câu trả lời',
  },
];
