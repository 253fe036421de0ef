import { urls } from '../urls.js';
import { Layout, type SiteChrome } from './layout.js';

/** A page for a missing address or a failure: says what happened and where to go instead. */
export function ErrorPage(props: { chrome: SiteChrome; status: number; title: string; message: string }) {
  return (
    <Layout chrome={props.chrome} head={{ title: props.title }}>
      <div class="error-page">
        <p class="kicker">Error {props.status}</p>
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href={urls.home()}>Go to the front page</a>
        </p>
      </div>
    </Layout>
  );
}
