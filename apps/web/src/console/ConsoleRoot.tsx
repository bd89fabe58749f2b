import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { App } from './App';
import './shared/format';

/**
 * Everything after sign-in: antd's theme and locale around the console's routes. main.tsx loads
 * this module lazily, so the login page does not download antd nor the console.
 */
export default function ConsoleRoot() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  useEffect(() => {
    dayjs.locale(lang);
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : viVN}
      theme={{
        token: {
          colorPrimary: '#0b5cad',
          colorLink: '#0b5cad',
          borderRadius: 6,
          // antd's grey texts (45% black) fall short of the 4.5:1 contrast WCAG AA asks for
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorError: '#cf1322',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          fontFamily:
            "'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
        },
        components: {
          Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f3f5f8' },
        },
      }}
    >
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  );
}
