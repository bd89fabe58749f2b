import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { isApiError } from './api/client';
import { App } from './console/App';
import './console/shared/format';
import './i18n';
import './styles.css';
import './contrast.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (failures, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failures < 2;
      },
    },
  },
});

function Root() {
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
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
