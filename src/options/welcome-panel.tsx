/** First run: what the extension does and does not do, and the privacy promise. */
import { t, uiLanguage } from './i18n';
import browser from '../shared/browser';

export function WelcomePanel(props: { onStart(): void }) {
  const lists = [
    ['does', t('welcomeDoesTitle'), ['welcomeDoes1', 'welcomeDoes2', 'welcomeDoes3', 'welcomeDoes4']],
    ['doesnot', t('welcomeDoesNotTitle'), ['welcomeDoesNot1', 'welcomeDoesNot2', 'welcomeDoesNot3']],
  ] as const;
  return (
    <div class="welcome">
      <h2 class="big">{t('welcomeTitle')}</h2>
      <p>{t('welcomeIntro')}</p>
      {lists.map(([id, title, keys]) => (
        <section key={id} aria-labelledby={`${id}-h`} class="card-section">
          <h3 id={`${id}-h`}>{title}</h3>
          <ul>
            {keys.map((k) => (
              <li key={k}>{t(k)}</li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="privacy-h" class="card-section privacy">
        <h3 id="privacy-h">{t('welcomePrivacyTitle')}</h3>
        <p>{t('welcomePrivacy')}</p>
      </section>
      <p class="actions">
        <button type="button" class="primary" onClick={props.onStart}>
          {t('welcomeStart')}
        </button>{' '}
        <a href={browser.runtime.getURL(`explainer/${uiLanguage()}.html`)} target="_blank" rel="noopener">
          {t('linkExplainer')}
        </a>
      </p>
    </div>
  );
}
