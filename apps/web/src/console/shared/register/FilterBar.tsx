import { Flex, Input, Select } from 'antd';
import type { ReactNode } from 'react';

export interface SelectFilter {
  /** The select's accessible name; also the placeholder unless `placeholder` says otherwise. */
  label: string;
  placeholder?: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: ReadonlyArray<{ value: string; label: ReactNode }>;
  width?: number;
}

/**
 * A register's filters above its table: a search typed without diacritics and selects (unit,
 * village, status…), their values kept in the address by the page (`useParam`).
 */
export function FilterBar({
  search,
  selects = [],
  children,
  marginBottom = 12,
}: {
  search?: { label: string; value: string | undefined; onChange: (value: string | undefined) => void };
  selects?: readonly SelectFilter[];
  /** More on the right (download, add). */
  children?: ReactNode;
  marginBottom?: number;
}) {
  return (
    <Flex gap={8} wrap justify="space-between" style={{ marginBottom }}>
      <Flex gap={8} wrap>
        {search ? (
          <Input.Search
            allowClear
            aria-label={search.label}
            placeholder={search.label}
            defaultValue={search.value}
            onChange={(e) => search.onChange(e.target.value || undefined)}
            style={{ maxWidth: 320 }}
          />
        ) : null}
        {selects.map((s) => (
          <Select
            key={s.label}
            allowClear
            aria-label={s.label}
            placeholder={s.placeholder ?? s.label}
            value={s.value}
            onChange={(v) => s.onChange(v)}
            options={s.options as { value: string; label: ReactNode }[]}
            style={{ minWidth: s.width ?? 200 }}
          />
        ))}
      </Flex>
      {children ? (
        <Flex gap={8} wrap>
          {children}
        </Flex>
      ) : null}
    </Flex>
  );
}
