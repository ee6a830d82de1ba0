import { can } from '../../../accounts/roles.js';
import type { Article, MediaImage } from '../../../content/types.js';
import { altWarnings } from '../alt-warnings.js';
import type { EditorFields } from '../../../services/newsroom-service.js';
import type { ReviewMark } from '../../../storage/ports.js';
import { AdminLayout, Csrf, Field, when, type AdminContext } from './admin-layout.js';

export interface EditorProps {
  ctx: AdminContext;
  article: Article | undefined;
  fields: EditorFields;
  sections: { id: number; name: string; depth: number }[];
  errors?: Record<string, string> | undefined;
  /** A message over the whole form (saved, failed, restored from an autosave). */
  notice?: string | undefined;
  error?: string | undefined;
  autosavedAt?: number | undefined;
  /** What the account may do with this article (the server checks again on every post). */
  may: { publish: boolean; delete: boolean; submit: boolean; review: boolean };
  /** Where the article is in review, and the note it was sent back with. */
  review?: ReviewMark | undefined;
  /** Tag names offered as the Tags field is typed (a datalist). */
  knownTags?: string[] | undefined;
  /** Images offered as the cover (the newest in the library, and the current cover). */
  images?: MediaImage[] | undefined;
  /** Uploads are possible (the site has a media store); the upload buttons need JavaScript. */
  uploads?: boolean | undefined;
}

/** The smallest copy a browser without AVIF can show: a thumbnail of the picker. */
function thumbnail(image: MediaImage) {
  const pool = image.variants.filter((v) => v.format !== 'avif');
  const v = [...(pool.length ? pool : image.variants)].sort((a, b) => a.width - b.width)[0]!;
  return { src: `/media/${v.name}`, width: v.width, height: v.height };
}

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

/**
 * The cover picker: "no picture" or one of the library's images (radio buttons, so it works
 * without JavaScript), an upload that adds to them, the chosen image's alt text and caption,
 * and an outside address for a cover that is not in the library.
 */
function CoverPicker(p: { f: EditorFields; e: Record<string, string>; images: MediaImage[]; uploads: boolean }) {
  const { f, e } = p;
  return (
    <fieldset class="field cover-picker" data-cover-picker>
      <legend>Cover image</legend>
      <div class="cover-picker__choices" data-cover-choices>
        <label class="cover-choice cover-choice--none">
          <input type="radio" name="coverImageId" value="" checked={!f.coverImageId} data-alt="" data-caption="" /> <span>No picture</span>
        </label>
        {p.images.map((img) => {
          const t = thumbnail(img);
          return (
            <label class="cover-choice" title={img.filename}>
              <input type="radio" name="coverImageId" value={String(img.id)} checked={f.coverImageId === String(img.id)} data-alt={img.alt} data-caption={img.caption} />
              <img src={t.src} width={t.width} height={t.height} alt="" loading="lazy" />
              <span class="cover-choice__name">{img.filename}{img.alt ? '' : ' (no alt text)'}</span>
            </label>
          );
        })}
      </div>
      {e.coverImageId ? <p class="field__error" role="alert">{e.coverImageId}</p> : null}
      {p.uploads ? (
        <p class="upload" data-needs-js hidden>
          <label for="coverUpload">Upload a new cover</label>
          <input id="coverUpload" type="file" accept={ACCEPT} data-upload="cover" />
        </p>
      ) : null}
      <p class="upload-status muted" data-upload-status="cover" aria-live="polite" />
      <Field id="coverAlt" label="Alt text" error={e.coverAlt} hint="What the picture shows, for readers who cannot see it.">
        <input id="coverAlt" name="coverAlt" type="text" maxLength={500} value={f.coverAlt} aria-describedby="coverAlt-hint" />
      </Field>
      <Field id="coverCaption" label="Caption" error={e.coverCaption}>
        <input id="coverCaption" name="coverCaption" type="text" maxLength={2000} value={f.coverCaption} />
      </Field>
      <Field id="coverImageUrl" label="Cover image address" error={e.coverImageUrl} hint="Instead of a library image: its address (https://…).">
        <input id="coverImageUrl" name="coverImageUrl" type="url" value={f.coverImageUrl} aria-describedby={e.coverImageUrl ? 'coverImageUrl-error' : 'coverImageUrl-hint'} />
      </Field>
    </fieldset>
  );
}

/**
 * The editor. Labels **Title**, **Slug**, **Summary**, **Body**, **Section**, **Tags**,
 * **Cover image**; buttons **Save draft**, **Publish**, **Schedule**, **Unpublish**, shown as the
 * role and the article's status allow (the server checks again on every post).
 */
export function EditorPage(p: EditorProps) {
  const { ctx, article, fields: f } = p;
  const user = ctx.user!;
  const e = p.errors ?? {};
  const status = article?.status ?? 'draft';
  const mayPublish = p.may.publish;
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles';
  const described = (id: string) => (e[id] ? `${id}-error` : undefined);
  return (
    <AdminLayout ctx={ctx} title={article ? `Edit: ${article.title}` : 'New article'}>
      <div class="toolbar">
        <h1>{article ? 'Edit article' : 'New article'}</h1>
        {article ? (
          <p class="toolbar__links">
            <span class={`status status--${status}`}>{status}</span>
            {p.review?.state === 'submitted' ? <span class="status status--review" data-review-badge>in review</span> : null}
            {p.review?.state === 'returned' ? <span class="status status--returned">sent back</span> : null}
            {status === 'scheduled' ? <span> for {when(ctx, article.publishedAt)}</span> : null}
            <a href={`/admin/articles/${article.id}/preview`} target="_blank" rel="noopener">Preview</a>
            <a href={`/admin/articles/${article.id}/revisions`}>Revisions</a>
          </p>
        ) : null}
      </div>
      {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
      {p.error ? <p class="form-error" role="alert">{p.error}</p> : null}
      {p.review?.state === 'submitted' ? <p class="notice" role="status" data-review-state="submitted">Waiting for review: an editor publishes it or sends it back with a note.</p> : null}
      {p.review?.state === 'returned' ? (
        <div class="notice review-note" role="status" data-review-state="returned">
          <p>Sent back by an editor. Change it and submit it again:</p>
          <blockquote data-review-note>{p.review.note}</blockquote>
        </div>
      ) : null}
      {p.autosavedAt ? (
        <p class="notice" role="status">This form shows your autosaved text from {when(ctx, p.autosavedAt)}, newer than the saved article. Save to keep it.</p>
      ) : null}
      <p class="local-restore" hidden data-local-restore>
        This browser holds unsaved text of this article. <button type="button" data-local-restore-button>Restore it</button>
        <button type="button" class="link-button" data-local-discard>Discard it</button>
      </p>
      <form method="post" action={action} class="editor" data-editor
        data-article-id={article ? String(article.id) : 'new'}
        data-updated-at={article ? String(article.updatedAt) : '0'}
        data-autosave-url={article ? `/admin/articles/${article.id}/autosave` : '/admin/articles/autosave'}>
        <Csrf ctx={ctx} />
        <div class="editor__main">
          <Field id="title" label="Title" error={e.title}>
            <input id="title" name="title" type="text" required maxLength={500} value={f.title} aria-describedby={described('title')} />
          </Field>
          <Field id="slug" label="Slug" error={e.slug} hint="The address: /articles/slug. Made from the title when left empty; an old slug keeps working.">
            <input id="slug" name="slug" type="text" value={f.slug} pattern="[A-Za-z0-9\-\s]*" aria-describedby={described('slug') ?? 'slug-hint'} />
          </Field>
          <Field id="summary" label="Summary" error={e.summary}>
            <textarea id="summary" name="summary" rows={2}>{f.summary}</textarea>
          </Field>
          <div class="editor__body">
            <Field id="body" label="Body" error={e.body} hint="Markdown: **bold**, _italic_, # Heading, [link](https://…), > quote, - list.">
              <textarea id="body" name="body" rows={18} aria-describedby={described('body') ?? 'body-hint'}>{f.body}</textarea>
            </Field>
            <section class="editor__preview" aria-label="Live preview">
              <h2>Live preview</h2>
              <div class="article__body" data-preview aria-live="polite" />
            </section>
          </div>
          {p.uploads ? (
            <fieldset class="insert-image" data-needs-js hidden>
              <legend>Insert an image into the body</legend>
              <div class="insert-image__field">
                <label for="insertAlt">Its alt text</label>
                <input id="insertAlt" type="text" maxLength={500} data-insert-alt />
              </div>
              <div class="insert-image__field">
                <label for="insertCaption">Its caption</label>
                <input id="insertCaption" type="text" maxLength={2000} data-insert-caption />
              </div>
              <div class="insert-image__field">
                <label for="insertImage">Image file (inserted where the cursor is)</label>
                <input id="insertImage" type="file" accept={ACCEPT} data-upload="body" />
              </div>
              <p class="upload-status muted" data-upload-status="body" aria-live="polite" />
            </fieldset>
          ) : null}
        </div>
        <aside class="editor__side">
          <Field id="section" label="Section" error={e.section}>
            <select id="section" name="section">
              <option value="">No section</option>
              {p.sections.map((s) => <option value={String(s.id)} selected={f.section === String(s.id)}>{`${'— '.repeat(s.depth)}${s.name}`}</option>)}
            </select>
          </Field>
          <Field id="tags" label="Tags" error={e.tags} hint="Separated by commas.">
            <input id="tags" name="tags" type="text" value={f.tags} aria-describedby="tags-hint" list="known-tags" autocomplete="off" data-tags
              data-typeahead="/admin/api/tags" data-typeahead-multi />
            <datalist id="known-tags">{(p.knownTags ?? []).map((t) => <option value={t} />)}</datalist>
          </Field>
          <Field id="authors" label="Authors" error={e.authors} hint="Bylines, separated by commas.">
            <input id="authors" name="authors" type="text" value={f.authors} aria-describedby="authors-hint" list="known-authors" autocomplete="off"
              data-typeahead="/admin/api/authors" data-typeahead-multi />
            <datalist id="known-authors" />
          </Field>
          <CoverPicker f={f} e={e} images={p.images ?? []} uploads={!!p.uploads} />
          {can.seeAllArticles(user) ? (
            <fieldset class="field">
              <legend>Editor's pick</legend>
              <label class="check"><input type="checkbox" name="recommended" value="1" checked={f.recommended} /> Recommended</label>
              <label for="recommendedUntil">Recommended until ({ctx.timezone})</label>
              <input id="recommendedUntil" name="recommendedUntil" type="datetime-local" value={f.recommendedUntil} />
              {e.recommendedUntil ? <p class="field__error" role="alert">{e.recommendedUntil}</p> : null}
            </fieldset>
          ) : null}
          {mayPublish ? (
            <Field id="publishAt" label={`Publish at (${ctx.timezone})`} error={e.publishAt} hint="For Schedule: the article goes live on its own at this time.">
              <input id="publishAt" name="publishAt" type="datetime-local" value={f.publishAt} aria-describedby={described('publishAt') ?? 'publishAt-hint'} />
            </Field>
          ) : null}
          <div class="alt-warnings" data-alt-warnings role="status" aria-live="polite">
            {altWarnings(f).map((w) => <p class="field__warning">{w}</p>)}
          </div>
          <div class="editor__buttons">
            {status === 'draft' ? <button type="submit" name="action" value="draft">Save draft</button> : null}
            {p.may.submit && status === 'draft' ? <button type="submit" name="action" value="submit" class="primary">Submit for review</button> : null}
            {status !== 'draft' && mayPublish ? <button type="submit" name="action" value="update" class="primary">Update</button> : null}
            {mayPublish && status !== 'published' ? <button type="submit" name="action" value="publish" class="primary">Publish</button> : null}
            {mayPublish ? <button type="submit" name="action" value="schedule">Schedule</button> : null}
            {mayPublish && status !== 'draft' ? <button type="submit" name="action" value="unpublish">Unpublish</button> : null}
            {article && p.may.delete ? <button type="submit" formaction={`/admin/articles/${article.id}/delete`} formnovalidate class="danger">Delete</button> : null}
          </div>
          {p.may.review ? (
            <fieldset class="field review-return">
              <legend>Review</legend>
              <label for="reviewNote">Note to the writer</label>
              <textarea id="reviewNote" name="reviewNote" rows={3} maxLength={2000} aria-describedby={described('reviewNote')}>{f.reviewNote}</textarea>
              {e.reviewNote ? <p class="field__error" id="reviewNote-error" role="alert">{e.reviewNote}</p> : null}
              <button type="submit" name="action" value="return">Send back</button>
            </fieldset>
          ) : null}
          <p class="autosave-status muted" data-autosave-status aria-live="polite" />
        </aside>
      </form>
    </AdminLayout>
  );
}

