import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'cqtt.lang';

function savedLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'vi') return saved;
  } catch {
    // storage may be unavailable (private mode): Vietnamese is the default
  }
  return 'vi';
}

// Vietnamese is bundled; English (~70 KB of text) is fetched only by those who choose it, so the
// login page of everyone else does not carry it.
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

/** Switches the language, fetching the English texts the first time they are needed. */
export async function setLanguage(lng: Language): Promise<void> {
  if (lng === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const en = await import('./en.json');
    i18n.addResourceBundle('en', 'translation', en.default);
  }
  await i18n.changeLanguage(lng);
}

i18n.on('languageChanged', (lng) => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

if (savedLanguage() === 'en') void setLanguage('en');

export default i18n;
