import type { ErasureMode, ErasureResult, VerifiedView } from '../../modules/privacy/index.js';
import { urls } from '../urls.js';
import { Layout, type SiteChrome } from './layout.js';
import { TextField } from './text-field.js';

/** What the privacy page's form shows: what was typed, its message, or the answer once sent. */
export interface PrivacyFormState {
  email: string;
  error?: string;
  /** The form was accepted: the one answer every address gets. */
  sent?: boolean;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function erasureWords(mode: ErasureMode): string {
  return mode === 'remove'
    ? 'Your replies are deleted. Answers other people wrote to them stay, moved up a level in their thread.'
    : 'Your replies stay, with their text, under the name “Anonymous”.';
}

/** The privacy page: what the site keeps about commenters, for how long and why, and the form asking for a link. */
export function PrivacyPage(props: { chrome: SiteChrome; form: PrivacyFormState; ipRetentionDays: number }) {
  const { form } = props;
  return (
    <Layout chrome={props.chrome} head={{ title: 'Your data', canonicalPath: urls.privacy() }}>
      <div class="privacy-page">
        <h1>Your data</h1>
        <p>When you leave a reply, we keep:</p>
        <ul>
          <li>the reply, your name and your website, as long as the reply is on the site, because they are what it shows;</li>
          <li>
            your email address, encrypted and never shown, as long as the reply is kept, so that moderators can tell commenters apart and so
            that we can send you the mails you ask for;
          </li>
          <li>
            your network address and browser, for fighting spam and abuse, erased automatically after{' '}
            {plural(props.ipRetentionDays, 'day', 'days')};
          </li>
          <li>your reply notifications, if you asked for them, until you stop them or erase your data.</li>
        </ul>
        <p>
          Enter the email address you commented with. If we hold anything for it, we mail a link there; with it you can download everything
          we keep about that address, or erase it.
        </p>
        {form.sent ? (
          <p role="status" class="privacy-sent">
            Thank you. If we hold anything for that address, a link is on its way. It works for one hour.
          </p>
        ) : null}
        <form method="post" action={urls.privacy()} class="privacy-form" novalidate>
          <TextField
            name="email"
            label="Your email address"
            type="email"
            value={form.email}
            error={form.error}
            required
            autoComplete="email"
            maxLength={200}
          />
          <p>
            <button type="submit" class="button">
              Send me a link
            </button>
          </p>
        </form>
      </div>
    </Layout>
  );
}

/** The verification link's page: what is stored, and the two things to do with it. */
export function PrivacyVerifiedPage(props: { chrome: SiteChrome; token: string; view: VerifiedView }) {
  const { view } = props;
  const nothing = view.replies === 0 && view.subscriptions === 0;
  return (
    <Layout chrome={props.chrome} head={{ title: 'Your data' }}>
      <div class="privacy-page">
        <h1>Your data</h1>
        {nothing ? (
          <p role="status">We hold nothing for this address any more.</p>
        ) : (
          <>
            <p>
              We hold {plural(view.replies, 'reply', 'replies')} and{' '}
              {plural(view.subscriptions, 'reply notification', 'reply notifications')} for this address.
            </p>
            <form method="post" action={urls.privacyDownload()} class="privacy-form">
              <input type="hidden" name="token" value={props.token} />
              <p>
                <button type="submit" class="button">
                  Download my data
                </button>
              </p>
              <p class="hint">
                A JSON file with every reply (text, name, website, dates, status, and network address and browser while they are kept) and
                every notification.
              </p>
            </form>
            <p>
              <a href={urls.privacyErase(props.token)}>Erase my data</a>
            </p>
          </>
        )}
      </div>
    </Layout>
  );
}

/** The erasure's confirm step: what will happen, and one button. */
export function PrivacyEraseConfirmPage(props: { chrome: SiteChrome; token: string; view: VerifiedView }) {
  const { view } = props;
  return (
    <Layout chrome={props.chrome} head={{ title: 'Erase your data' }}>
      <div class="privacy-page">
        <h1>Erase your data</h1>
        <p>
          This erases what we hold for this address: {plural(view.replies, 'reply', 'replies')} and{' '}
          {plural(view.subscriptions, 'reply notification', 'reply notifications')}.
        </p>
        <ul>
          <li>{erasureWords(view.erasureMode)}</li>
          <li>Your email address, website, network address and browser are wiped from them.</li>
          <li>Your reply notifications end and are deleted.</li>
        </ul>
        <p>It cannot be undone. Download your data first if you want a copy.</p>
        <form method="post" action={urls.privacyErase()} class="privacy-form">
          <input type="hidden" name="token" value={props.token} />
          <p>
            <button type="submit" class="button">
              Yes, erase my data
            </button>
          </p>
        </form>
        <p>
          <a href={urls.privacyVerify(props.token)}>No, go back</a>
        </p>
      </div>
    </Layout>
  );
}

/** What an erasure did. */
export function PrivacyErasedPage(props: { chrome: SiteChrome; result: ErasureResult }) {
  const { result } = props;
  const what = result.mode === 'remove' ? 'deleted' : 'anonymised';
  return (
    <Layout chrome={props.chrome} head={{ title: 'Your data is erased' }}>
      <div class="privacy-page">
        <h1>Your data is erased</h1>
        <p role="status">
          Done: {plural(result.replies, 'reply', 'replies')} {what},{' '}
          {plural(result.subscriptions, 'reply notification', 'reply notifications')} deleted. The link you used no longer works.
        </p>
        <p>
          <a href={urls.home()}>Go to the front page</a>
        </p>
      </div>
    </Layout>
  );
}
