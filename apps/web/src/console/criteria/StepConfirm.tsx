import { assessmentGaps } from '@cqtt/domain/criteria/gaps';
import { Alert, App, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Assessment } from './api';

/** The steps of a file that move it on for good (only a return by a later reviewer brings it back). */
export type IrreversibleStep = 'consolidate' | 'finish_review' | 'approve' | 'submit';

function levelName(t: TFunction, level: number): string {
  return level === 0 ? t('criteria.confirm.notReached') : String(level);
}

/** What the file still lacks (unscored indicators, a level below the registration), or that it lacks nothing. */
export function GapsNotice({ a }: { a: Assessment }) {
  const { t } = useTranslation();
  const gaps = assessmentGaps(a);
  if (gaps.complete) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="assessment-gaps"
        message={
          gaps.registeredLevel === null
            ? t('criteria.confirm.complete', { count: a.indicators.length })
            : t('criteria.confirm.completeReached', {
                count: a.indicators.length,
                level: levelName(t, gaps.level),
              })
        }
      />
    );
  }
  const codes = gaps.shown.join(', ');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="assessment-gaps"
      message={t('criteria.confirm.missingTitle')}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {gaps.unscored.length > 0 ? (
            <li>
              {gaps.more > 0
                ? t('criteria.confirm.unscoredMore', { count: gaps.unscored.length, codes, more: gaps.more })
                : t('criteria.confirm.unscored', { count: gaps.unscored.length, codes })}
            </li>
          ) : null}
          {gaps.belowRegistered && gaps.registeredLevel !== null ? (
            <li>
              {t('criteria.confirm.below', {
                level: levelName(t, gaps.level),
                registered: levelName(t, gaps.registeredLevel),
              })}
            </li>
          ) : null}
        </ul>
      }
    />
  );
}

/**
 * Asks before a step that moves the file on, saying what the step does and what the file still
 * lacks; `onOk` runs only when the user confirms.
 */
export function useConfirmStep() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return (a: Assessment, step: Exclude<IrreversibleStep, 'submit'>, onOk: () => Promise<unknown>) => {
    const action = t(`criteria.actions.${step}`);
    const complete = assessmentGaps(a).complete;
    modal.confirm({
      title: t('criteria.confirm.title', { action }),
      width: 560,
      content: (
        <>
          <Typography.Paragraph>{t(`criteria.confirm.${step}`)}</Typography.Paragraph>
          <GapsNotice a={a} />
        </>
      ),
      okText: complete
        ? t('criteria.confirm.ok', { action })
        : t('criteria.confirm.okAnyway', {
            action: action.charAt(0).toLocaleLowerCase('vi-VN') + action.slice(1),
          }),
      okButtonProps: complete ? {} : { danger: true },
      cancelText: t('common.cancel'),
      onOk,
    });
  };
}
