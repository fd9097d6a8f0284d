/** The pasted API key lives in this tab's sessionStorage only: never in a URL, a cookie or a log. */
const KEY = 'support-panel.api-key';

export const storedKey = (): string | null => sessionStorage.getItem(KEY);
export const rememberKey = (key: string): void => sessionStorage.setItem(KEY, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY);
