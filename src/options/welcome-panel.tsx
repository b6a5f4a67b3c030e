/** First run: what the extension does and does not do, and the privacy promise. */
import { t, uiLanguage } from './i18n';
import browser from '../shared/browser';

export function WelcomePanel(props: { onStart(): void }) {
  const does = ['welcomeDoes1', 'welcomeDoes2', 'welcomeDoes3', 'welcomeDoes4'];
  const doesNot = ['welcomeDoesNot1', 'welcomeDoesNot2', 'welcomeDoesNot3'];
  return (
    <div class="welcome">
      <h2 class="big">{t('welcomeTitle')}</h2>
      <p>{t('welcomeIntro')}</p>
      <section aria-labelledby="does-h" class="card-section">
        <h3 id="does-h">{t('welcomeDoesTitle')}</h3>
        <ul>
          {does.map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="doesnot-h" class="card-section">
        <h3 id="doesnot-h">{t('welcomeDoesNotTitle')}</h3>
        <ul>
          {doesNot.map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
      </section>
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
