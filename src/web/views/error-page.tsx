import { urls } from '../urls.js';
import { Layout, type SiteChrome } from './layout.js';

/** A form that failed through no fault of its sender, offered back so they can send it again. */
export interface ResendForm {
  action: string;
  /** The fields as they were posted; long ones are shown for editing, the rest ride along hidden. */
  fields: [name: string, value: string][];
}

/** Fields a person typed at length: shown, editable, so the text is visibly safe. */
const visibleFields: Record<string, string> = { comment: 'Your comment', body_markdown: 'Your article', body: 'Your text' };

/** A page for a missing address or a failure: says what happened and where to go instead. */
export function ErrorPage(props: { chrome: SiteChrome; status: number; title: string; message: string; resend?: ResendForm }) {
  return (
    <Layout chrome={props.chrome} head={{ title: props.title }}>
      <div class="error-page">
        <p class="kicker">Error {props.status}</p>
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        {props.resend ? (
          <form method="post" action={props.resend.action} class="resend-form">
            <p>What you sent was not saved yet. It is all here: send it again when you are ready.</p>
            {props.resend.fields.map(([name, value]) =>
              visibleFields[name] ? (
                <div class="field">
                  <label for={`resend-${name}`}>{visibleFields[name]}</label>
                  <textarea id={`resend-${name}`} name={name} rows={6}>
                    {value}
                  </textarea>
                </div>
              ) : (
                <input type="hidden" name={name} value={value} />
              ),
            )}
            <p>
              <button type="submit" class="button">
                Send again
              </button>
            </p>
          </form>
        ) : (
          <p>
            <a href={urls.home()}>Go to the front page</a>
          </p>
        )}
      </div>
    </Layout>
  );
}
