import { urls } from '../urls.js';
import { Layout, type SiteChrome } from './layout.js';

/** What the confirmation page shows: the choice to make, or what became of the link. */
export interface ConfirmPageModel {
  token: string;
  status: 'pending' | 'active' | 'ended';
  headline: string;
  /** Set once the reader pressed Confirm on this page (the answer to the POST). */
  justConfirmed?: boolean;
  scope: 'answers' | 'article';
}

/**
 * The double opt-in's second step. Following the link only shows this page; the button confirms,
 * so a mail scanner that opens every link confirms nothing.
 */
export function ConfirmPage(props: { chrome: SiteChrome; model: ConfirmPageModel }) {
  const m = props.model;
  const about = m.headline ? ` on “${m.headline}”` : '';
  return (
    <Layout chrome={props.chrome} head={{ title: 'Reply notifications' }}>
      <div class="notify-page">
        <h1>Reply notifications</h1>
        {m.status === 'pending' ? (
          <form method="post" action={urls.notifyConfirm()} class="notify-form">
            <input type="hidden" name="token" value={m.token} />
            <fieldset>
              <legend>Send me a mail{about}</legend>
              <div class="field field-remember">
                <input id="scope-answers" name="scope" type="radio" value="answers" checked />
                <label for="scope-answers">when someone answers my comment</label>
              </div>
              <div class="field field-remember">
                <input id="scope-article" name="scope" type="radio" value="article" />
                <label for="scope-article">for every new reply on this article</label>
              </div>
            </fieldset>
            <p>
              <button type="submit" class="button">
                Confirm
              </button>
            </p>
          </form>
        ) : m.status === 'active' ? (
          <p role="status">
            {m.justConfirmed ? 'Thank you, confirmed.' : 'This address is already confirmed.'}{' '}
            {m.scope === 'article'
              ? `You will get a mail for every new reply${about}.`
              : `You will get a mail when someone answers your comment${about}.`}{' '}
            Every mail has a link to stop them.
          </p>
        ) : (
          <p role="status">These notifications were stopped; nothing more is sent. Tick “Notify me” again with a comment to start anew.</p>
        )}
        <p>
          <a href={urls.home()}>Go to the front page</a>
        </p>
      </div>
    </Layout>
  );
}

/** The unsubscribe link's page: one button (a GET changes nothing), then the same answer for everyone. */
export function UnsubscribePage(props: { chrome: SiteChrome; token: string; done: boolean }) {
  return (
    <Layout chrome={props.chrome} head={{ title: 'Stop reply notifications' }}>
      <div class="notify-page">
        <h1>Stop reply notifications</h1>
        {props.done ? (
          <p role="status">Done: this address will get no more reply notifications from us.</p>
        ) : (
          <form method="post" action={urls.notifyUnsubscribe(props.token)} class="notify-form">
            <p>Press the button and this address gets no more reply notifications from us.</p>
            <p>
              <button type="submit" class="button">
                Stop the mails
              </button>
            </p>
          </form>
        )}
        <p>
          <a href={urls.home()}>Go to the front page</a>
        </p>
      </div>
    </Layout>
  );
}
