import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { PublicApiError, publicErrorMessage, publicPost } from '../api';
import { useCommune } from '../commune';
import { newId } from '../satisfaction/queue';
import { useLoad } from '../useLoad';
import './feedback.css';

interface Category {
  code: string;
  name: string;
  deadlineDays: number;
}

const MAX_FILES = 5;
const MAX_SIZE = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';
/** The input of each field a problem can be about, for the links of the error summary. */
const FIELD_IDS: Record<string, string> = {
  categoryCode: 'fb-category',
  content: 'fb-content',
  address: 'fb-address',
  name: 'fb-name',
  phone: 'fb-phone',
  email: 'fb-email',
};

/** Gửi phản ánh, kiến nghị: on a phone, no account, photos optional. */
export default function SendFeedback() {
  const commune = useCommune();
  const [categories] = useLoad<Category[]>(`/api/public/communes/${commune.code}/feedback-categories`);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string | null>(null);
  // one id for this feedback: pressing "Gửi" again after a lost answer or a 503 («đang kết nối
  // lại») finds the feedback already received instead of sending a second one
  const [clientId] = useState(newId);
  const fileInput = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  if (sent) return <Sent code={sent} />;

  const addFiles = (list: FileList | null) => {
    setFileError('');
    const next = [...files];
    for (const f of Array.from(list ?? [])) {
      if (next.length >= MAX_FILES) {
        setFileError(`Chỉ gửi tối đa ${MAX_FILES} tệp.`);
        break;
      }
      if (f.size > MAX_SIZE) {
        setFileError(`Tệp “${f.name}” lớn hơn 10 MB; vui lòng chọn ảnh nhỏ hơn.`);
        continue;
      }
      next.push(f);
    }
    setFiles(next);
    if (fileInput.current) fileInput.current.value = '';
  };

  /** The field a problem is about gets the focus, so the keyboard and the reader land on it. */
  function focusField(form: HTMLFormElement, name: string) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLElement) field.focus();
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    const fields: Record<string, string> = {
      communeCode: commune.code,
      categoryCode: value('categoryCode'),
      content: value('content'),
      name: value('name'),
      phone: value('phone'),
      email: value('email'),
      address: value('address'),
      clientId,
    };
    const allowPublish = form.get('allowPublish') === 'on';
    const problems: Record<string, string> = {};
    if (!fields.categoryCode) problems.categoryCode = 'Vui lòng chọn lĩnh vực.';
    if ((fields.content ?? '').length < 10) problems.content = 'Vui lòng mô tả rõ hơn (ít nhất 10 ký tự).';
    setFieldErrors(problems);
    setError('');
    if (Object.keys(problems).length > 0) {
      focusField(e.currentTarget, Object.keys(problems)[0]!);
      return;
    }
    setBusy(true);
    try {
      let res: { trackingCode: string };
      if (files.length > 0) {
        const body = new FormData();
        for (const [k, v] of Object.entries(fields)) if (v) body.append(k, v);
        body.append('allowPublish', String(allowPublish));
        for (const f of files) body.append('files', f, f.name);
        res = await publicPost('/api/public/feedback', body);
      } else {
        const json: Record<string, unknown> = { allowPublish };
        for (const [k, v] of Object.entries(fields)) if (v) json[k] = v;
        res = await publicPost('/api/public/feedback', json);
      }
      setSent(res.trackingCode);
      window.scrollTo(0, 0);
    } catch (err) {
      setError(publicErrorMessage(err));
      if (err instanceof PublicApiError && Array.isArray(err.details)) {
        const byField: Record<string, string> = {};
        for (const d of err.details as { path?: string; message?: string }[])
          if (d.path && d.message) byField[d.path] = d.message;
        setFieldErrors(byField);
        const first = Object.keys(byField)[0];
        if (first && formRef.current) focusField(formRef.current, first);
      }
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) =>
    fieldErrors[name] ? (
      <span className="c-field-error" id={`${name}-error`}>
        {fieldErrors[name]}
      </span>
    ) : null;
  const described = (name: string) => (fieldErrors[name] ? `${name}-error` : undefined);

  return (
    <>
      <h1 className="c-title">Gửi phản ánh, kiến nghị</h1>
      <p className="c-muted">
        Gửi tới UBND {commune.name}. Ông/bà sẽ nhận một mã để theo dõi và xem câu trả lời. Không cần tài
        khoản.
      </p>
      <form className="c-card" onSubmit={submit} noValidate ref={formRef}>
        {Object.keys(fieldErrors).length > 0 && (
          // read out at once by screen readers; each line leads to its field
          <div className="c-card c-error" role="alert">
            <p>Chưa gửi được. Vui lòng sửa:</p>
            <ul>
              {Object.entries(fieldErrors).map(([name, message]) => (
                <li key={name}>
                  <a href={`#${FIELD_IDS[name] ?? ''}`}>{message}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="c-field">
          <label htmlFor="fb-category">Lĩnh vực *</label>
          {categories.state === 'ready' ? (
            <select
              id="fb-category"
              name="categoryCode"
              defaultValue=""
              required
              aria-invalid={!!fieldErrors.categoryCode}
              aria-describedby={described('categoryCode')}
            >
              <option value="" disabled>
                — Chọn lĩnh vực —
              </option>
              {categories.data.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} (trả lời trong {c.deadlineDays} ngày làm việc)
                </option>
              ))}
            </select>
          ) : (
            <span className="c-muted">{categories.state === 'error' ? categories.message : 'Đang tải…'}</span>
          )}
          {fieldError('categoryCode')}
        </div>
        <div className="c-field">
          <label htmlFor="fb-content">Nội dung phản ánh, kiến nghị *</label>
          <textarea
            id="fb-content"
            name="content"
            rows={6}
            maxLength={5000}
            required
            aria-invalid={!!fieldErrors.content}
            aria-describedby={described('content')}
          />
          {fieldError('content')}
        </div>
        <div className="c-field">
          <label htmlFor="fb-files">Ảnh hoặc tệp PDF (không bắt buộc, tối đa 5 tệp, mỗi tệp 10 MB)</label>
          <input
            id="fb-files"
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            multiple
            onChange={(e) => addFiles(e.target.files)}
            disabled={files.length >= MAX_FILES}
          />
          {fileError && <span className="c-field-error">{fileError}</span>}
          {files.length > 0 && (
            <ul className="c-fb-files" aria-label="Tệp đã chọn">
              {files.map((f, i) => (
                <li key={`${f.name}-${f.size}-${f.lastModified}`}>
                  <span>{f.name}</span>
                  <button
                    type="button"
                    className="c-button c-button-secondary"
                    onClick={() => setFiles(files.filter((_, j) => j !== i))}
                    aria-label={`Bỏ tệp ${f.name}`}
                  >
                    Bỏ
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="c-field">
          <label htmlFor="fb-address">Địa điểm (không bắt buộc)</label>
          <input id="fb-address" name="address" maxLength={500} placeholder="Ví dụ: ngõ 5, thôn Tráng Liệt" />
        </div>
        <fieldset className="c-field" style={{ border: 0, padding: 0 }}>
          <legend style={{ fontWeight: 600 }}>Thông tin liên hệ (không bắt buộc)</legend>
          <p className="c-fb-hint">Chỉ cán bộ xử lý phản ánh được xem; không bao giờ được công khai.</p>
          <label htmlFor="fb-name">Họ và tên</label>
          <input id="fb-name" name="name" maxLength={200} autoComplete="name" />
          <label htmlFor="fb-phone">Số điện thoại</label>
          <input
            id="fb-phone"
            name="phone"
            type="tel"
            inputMode="tel"
            maxLength={20}
            autoComplete="tel"
            aria-invalid={!!fieldErrors.phone}
            aria-describedby={described('phone')}
          />
          {fieldError('phone')}
          <label htmlFor="fb-email">Thư điện tử</label>
          <input
            id="fb-email"
            name="email"
            type="email"
            maxLength={200}
            autoComplete="email"
            aria-invalid={!!fieldErrors.email}
            aria-describedby={described('email')}
          />
          {fieldError('email')}
        </fieldset>
        <div className="c-fb-check">
          <input id="fb-publish" name="allowPublish" type="checkbox" />
          <label htmlFor="fb-publish">
            Đồng ý công khai nội dung phản ánh và câu trả lời trên trang của xã (ẩn họ tên, số điện thoại, thư
            điện tử).
          </label>
        </div>
        {error && (
          <div className="c-card c-error" role="alert">
            <p>{error}</p>
          </div>
        )}
        <button type="submit" className="c-button" disabled={busy || categories.state !== 'ready'}>
          {busy ? 'Đang gửi…' : 'Gửi phản ánh'}
        </button>
      </form>
      <p>
        <Link to={`/p/${commune.code}/phan-anh/theo-doi`}>Đã có mã? Theo dõi phản ánh</Link>
      </p>
    </>
  );
}

function Sent({ code }: { code: string }) {
  const commune = useCommune();
  const path = `/p/${commune.code}/phan-anh/theo-doi/${code}`;
  const [copied, setCopied] = useState(false);
  return (
    <div className="c-card c-ok" role="status">
      <h1 className="c-title">Đã gửi phản ánh</h1>
      <p>Mã theo dõi của ông/bà:</p>
      <strong className="c-fb-code" data-testid="tracking-code">
        {code}
      </strong>
      <p className="c-fb-hint">
        Hãy ghi lại hoặc chụp màn hình mã này. Với mã này ông/bà xem được tình trạng xử lý và câu trả lời; khi
        gọi điện tới UBND xã, hãy đọc mã này.
      </p>
      <div className="c-fb-row">
        <Link className="c-button" to={path}>
          Xem tình trạng xử lý
        </Link>
        <button
          type="button"
          className="c-button c-button-secondary"
          onClick={() => {
            void navigator.clipboard
              ?.writeText(`${window.location.origin}${path}`)
              .then(() => setCopied(true));
          }}
        >
          {copied ? 'Đã chép đường dẫn' : 'Chép đường dẫn'}
        </button>
      </div>
      <p className="c-fb-hint">
        Đường dẫn: <a href={path}>{`${window.location.origin}${path}`}</a>
      </p>
    </div>
  );
}
