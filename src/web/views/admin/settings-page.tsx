import { discussionRanges, type DiscussionSettings } from '../../../modules/moderation/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { TextField } from '../text-field.js';
import { ErrorSummary, PageHeader, type FormErrors } from './admin-fields.js';

/** The form's values: as stored, or as the moderator typed them when a save failed. */
export type SettingsValues = Record<keyof DiscussionSettings, string | boolean>;

function Check(props: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="field field-check">
      <input
        type="checkbox"
        id={`field-${props.name}`}
        name={props.name}
        value="on"
        checked={props.checked}
        aria-describedby={props.hint ? `hint-${props.name}` : undefined}
      />
      <label for={`field-${props.name}`}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** A whole number within its range: the one text field, as a number input. */
function NumberField(props: { name: string; label: string; value: string; min: number; max: number; hint: string; errors: FormErrors }) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      type="number"
      className="field-number"
      value={props.value}
      hint={props.hint}
      error={props.errors.fields[props.name]}
      extra={{ min: String(props.min), max: String(props.max), inputMode: 'numeric' }}
    />
  );
}

function WordList(props: { name: string; label: string; value: string; hint: string; error?: string }) {
  const errorId = `error-${props.name}`;
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <p class="hint" id={`hint-${props.name}`}>
        {props.hint}
      </p>
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={4}
        aria-describedby={props.error ? `hint-${props.name} ${errorId}` : `hint-${props.name}`}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** Every discussion setting from PRODUCT.md, each explained; saving takes effect at once. */
export function SettingsPage(props: { chrome: AdminChrome; values: SettingsValues; errors: FormErrors; notice?: string }) {
  const v = props.values;
  const s = (k: keyof DiscussionSettings) => String(v[k]);
  const b = (k: keyof DiscussionSettings) => v[k] === true;
  return (
    <AdminLayout chrome={props.chrome} title="Discussion settings" section="settings">
      <PageHeader
        title="Discussion settings"
        lead="How replies are taken, held and shown. Changes apply to the next reply and the next page view."
      />
      <Notice message={props.notice} />
      <ErrorSummary errors={props.errors} />
      <form method="post" action={adminUrls.discussionSettings()} class="settings-form" novalidate>
        <CsrfField token={props.chrome.csrfToken} />
        <fieldset>
          <legend>Who may reply</legend>
          <Check name="requireNameEmail" label="Readers must give a name and an email address" checked={b('requireNameEmail')} />
          <NumberField
            name="closeAfterDays"
            label="Close replies on articles older than (days)"
            value={s('closeAfterDays')}
            min={discussionRanges.closeAfterDays[0]}
            max={discussionRanges.closeAfterDays[1]}
            hint="0 keeps replies open for ever."
            errors={props.errors}
          />
          <NumberField
            name="floodIntervalSeconds"
            label="Seconds between two replies from the same sender"
            value={s('floodIntervalSeconds')}
            min={discussionRanges.floodIntervalSeconds[0]}
            max={discussionRanges.floodIntervalSeconds[1]}
            hint="Flood control; 0 turns it off."
            errors={props.errors}
          />
          <Check name="detectDuplicates" label="Refuse the same reply twice (duplicate detection)" checked={b('detectDuplicates')} />
        </fieldset>
        <fieldset>
          <legend>Before a reply appears</legend>
          <Check name="manualApproval" label="Every reply must be approved by a moderator" checked={b('manualApproval')} />
          <Check
            name="autoApproveKnownAuthors"
            label="Publish at once when the author has an approved reply"
            checked={b('autoApproveKnownAuthors')}
            hint="Same name and email as an earlier approved reply. When unticked (and the box above too), replies appear at once."
          />
          <NumberField
            name="holdLinkCount"
            label="Hold a reply with this many links or more"
            value={s('holdLinkCount')}
            min={discussionRanges.holdLinkCount[0]}
            max={discussionRanges.holdLinkCount[1]}
            hint="Spam often carries links. 0 turns the rule off."
            errors={props.errors}
          />
          <WordList
            name="holdWords"
            label="Hold words"
            value={s('holdWords')}
            hint="One word or phrase per line. A reply containing one (as a whole word, in any case) waits for a moderator."
          />
          <WordList
            name="blockWords"
            label="Block words"
            value={s('blockWords')}
            hint="One per line. A reply containing one goes straight to spam."
          />
          <div class="field">
            <label for="field-spamFilterSends">A reply the spam filter judges spam goes to</label>
            <select id="field-spamFilterSends" name="spamFilterSends" aria-describedby="hint-spamFilterSends">
              <option value="spam" selected={v.spamFilterSends === 'spam'}>
                The spam queue
              </option>
              <option value="held" selected={v.spamFilterSends === 'held'}>
                The held queue, for a moderator to decide
              </option>
            </select>
            <p class="hint" id="hint-spamFilterSends">
              Nothing is deleted either way. "Spam" and "Not spam" on the desk teach the filter.
            </p>
          </div>
        </fieldset>
        <fieldset>
          <legend>How replies are shown</legend>
          <NumberField
            name="threadDepth"
            label="Nest answers this many levels deep"
            value={s('threadDepth')}
            min={discussionRanges.threadDepth[0]}
            max={discussionRanges.threadDepth[1]}
            hint="1 to 10; WordPress uses 5."
            errors={props.errors}
          />
          <NumberField
            name="repliesPerPage"
            label="Top-level replies per page"
            value={s('repliesPerPage')}
            min={discussionRanges.repliesPerPage[0]}
            max={discussionRanges.repliesPerPage[1]}
            hint="0 shows all replies on one page."
            errors={props.errors}
          />
          <div class="field">
            <label for="field-order">Order</label>
            <select id="field-order" name="order">
              <option value="oldest" selected={v.order === 'oldest'}>
                Oldest first
              </option>
              <option value="newest" selected={v.order === 'newest'}>
                Newest first
              </option>
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>Personal data</legend>
          <div class="field">
            <label for="field-erasureMode">When a commenter erases their data, their replies</label>
            <select id="field-erasureMode" name="erasureMode" aria-describedby="hint-erasureMode">
              <option value="anonymise" selected={v.erasureMode === 'anonymise'}>
                Stay, with the author shown as “Anonymous”
              </option>
              <option value="remove" selected={v.erasureMode === 'remove'}>
                Are deleted (answers to them move up a level)
              </option>
            </select>
            <p class="hint" id="hint-erasureMode">
              Either way the email, website, network address and browser are wiped and notifications end. The same applies to erasures from
              the desk.
            </p>
          </div>
        </fieldset>
        <fieldset>
          <legend>Replies on other sites</legend>
          <WordList
            name="embedOrigins"
            label="Sites that may embed reply threads"
            value={s('embedOrigins')}
            hint="One site per line, as its origin: https://blog.example (scheme, host and port). Their pages can show threads with the snippet in the embedding guide. EMBED_ORIGINS adds more."
            error={props.errors.fields.embedOrigins}
          />
        </fieldset>
        <p class="form-actions sticky-actions">
          <button type="submit" class="button button-primary">
            Save settings
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}
