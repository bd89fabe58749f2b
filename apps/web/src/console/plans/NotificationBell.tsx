import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { EmptyState } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from './api';
import type { Notification } from './types';

/** Notifications shown at first, and added by "Xem thêm". */
const PAGE = 20;

/** A link the console may follow: a path of this site ("/my-tasks?task=…"), never another site. */
export function internalLink(link: string): string | null {
  if (!link) return null;
  let path = link;
  if (/^https?:\/\//i.test(link)) {
    try {
      const url = new URL(link);
      if (url.origin !== window.location.origin) return null;
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return null;
    }
  }
  return /^\/(?![/\\])/.test(path) ? path : null;
}

function NotificationItem({ item, onOpen }: { item: Notification; onOpen: (n: Notification) => void }) {
  const unread = item.readAt === null;
  return (
    <li>
      <button
        type="button"
        className={`cqtt-notification${unread ? ' is-unread' : ''}`}
        onClick={() => onOpen(item)}
        data-testid="notification-item"
      >
        <Flex gap={8} align="flex-start">
          <span className="cqtt-notification-dot" aria-hidden="true" />
          <span style={{ minWidth: 0 }}>
            <span className="cqtt-notification-title">{item.title}</span>
            {item.body ? <span className="cqtt-notification-body">{item.body}</span> : null}
            <span className="cqtt-notification-time">{formatDateTime(item.createdAt)}</span>
          </span>
        </Flex>
      </button>
    </li>
  );
}

/** The bell in the header: unread count (polled every minute), the list, mark read and follow. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [pageSize, setPageSize] = useState(PAGE);
  const list = useNotifications(pageSize);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const more = (list.data?.total ?? 0) > items.length;

  const onOpenItem = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id);
    setOpen(false);
    const target = internalLink(n.link);
    if (target) navigate(target);
  };

  const content = (
    <div className="cqtt-notifications" data-testid="notifications-panel">
      <Flex justify="space-between" align="center" className="cqtt-notifications-head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('notifications.markAll')}
        </Button>
      </Flex>
      {list.isLoading ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : list.isError ? (
        <Typography.Paragraph type="danger" style={{ padding: 12, margin: 0 }}>
          {errorMessage(list.error)}
        </Typography.Paragraph>
      ) : items.length === 0 ? (
        <EmptyState description={t('notifications.empty')} />
      ) : (
        <ul className="cqtt-notification-list">
          {items.map((n) => (
            <NotificationItem key={n.id} item={n} onOpen={onOpenItem} />
          ))}
          {more ? (
            <li style={{ textAlign: 'center' }}>
              <Button type="link" loading={list.isFetching} onClick={() => setPageSize((n) => n + PAGE)}>
                {t('notifications.more')}
              </Button>
            </li>
          ) : null}
        </ul>
      )}
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void list.refetch();
      }}
      // "bottom" shifts the panel back into a phone's screen; bottomRight would overflow it.
      placement="bottom"
      arrow={false}
    >
      <Button
        type="text"
        aria-label={
          unread > 0 ? t('notifications.buttonUnread', { count: unread }) : t('notifications.button')
        }
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="notification-bell"
        className="cqtt-bell"
        icon={
          <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
