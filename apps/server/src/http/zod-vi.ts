import { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  bigint: 'số nguyên',
  boolean: 'giá trị đúng/sai',
  object: 'đối tượng',
  array: 'danh sách',
  date: 'ngày',
  null: 'rỗng',
  undefined: 'không có giá trị',
};
const typeName = (t: unknown) => TYPE_NAMES[String(t)] ?? String(t);

const FORMAT_NAMES: Record<string, string> = {
  uuid: 'mã định danh (UUID)',
  email: 'địa chỉ email',
  url: 'địa chỉ web',
  date: 'ngày dạng YYYY-MM-DD',
  datetime: 'thời điểm ISO 8601',
  regex: 'mẫu cho phép',
};

/**
 * Vietnamese messages for validation errors, plain enough for a civil servant
 * to act on. Installed once for the whole process.
 */
export function installVietnameseZodErrors(): void {
  z.config({
    customError(issue) {
      switch (issue.code) {
        case 'invalid_type':
          if (issue.input === undefined) return 'Trường này là bắt buộc.';
          return `Phải là ${typeName(issue.expected)}.`;
        case 'too_big':
          if (issue.origin === 'string') return `Không được dài quá ${issue.maximum} ký tự.`;
          if (issue.origin === 'array') return `Không được quá ${issue.maximum} mục.`;
          return `Không được lớn hơn ${issue.maximum}.`;
        case 'too_small':
          if (issue.origin === 'string')
            return Number(issue.minimum) <= 1
              ? 'Không được để trống.'
              : `Phải có ít nhất ${issue.minimum} ký tự.`;
          if (issue.origin === 'array') return `Phải có ít nhất ${issue.minimum} mục.`;
          return `Không được nhỏ hơn ${issue.minimum}.`;
        case 'invalid_format':
          return `Không đúng định dạng ${FORMAT_NAMES[issue.format] ?? issue.format}.`;
        case 'invalid_value':
          return `Giá trị không hợp lệ; chỉ chấp nhận: ${issue.values.map((v) => String(v)).join(', ')}.`;
        case 'unrecognized_keys':
          return `Trường không được chấp nhận: ${issue.keys.join(', ')}.`;
        case 'not_multiple_of':
          return `Phải là bội số của ${issue.divisor}.`;
        default:
          return undefined;
      }
    },
  });
}

export interface FieldProblem {
  path: string;
  message: string;
}

export function fieldProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

export function describeProblems(problems: FieldProblem[]): string {
  const first = problems[0];
  if (!first) return 'Dữ liệu không hợp lệ.';
  const where = first.path ? `Trường «${first.path}»: ` : '';
  const more = problems.length > 1 ? ` (và ${problems.length - 1} lỗi khác)` : '';
  return `Dữ liệu không hợp lệ. ${where}${first.message}${more}`;
}
