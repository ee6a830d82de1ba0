import type { PinView } from '../../../services/front-page-service.js';
import { AdminLayout, Csrf, Field, type AdminContext } from './admin-layout.js';

/** The front page's slots: the lead story and the top stories, each pinned or left to fill itself. */
export function FrontPagePage(p: {
  ctx: AdminContext; slots: number; pins: PinView[]; values: string[];
  errors?: Record<string, string> | undefined; notice?: string | undefined; error?: string | undefined;
}) {
  const { ctx } = p;
  const e = p.errors ?? {};
  const bySlot = new Map(p.pins.map((pin) => [pin.slot, pin]));
  return (
    <AdminLayout ctx={ctx} title="Front page">
      <h1>Front page</h1>
      <p class="muted">Pin the lead story and the top stories beside it. An empty slot, or one whose article is no longer on the site, is filled with the newest stories.</p>
      {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
      {p.error ? <p class="form-error" role="alert">{p.error}</p> : null}
      <form method="post" action="/admin/front-page" class="stack" data-front-pins>
        <Csrf ctx={ctx} />
        <datalist id="front-articles" />
        {Array.from({ length: p.slots }, (_, slot) => {
          const pin = bySlot.get(slot);
          const label = slot === 0 ? 'Lead story' : `Top story ${slot}`;
          return (
            <Field id={`slot${slot}`} label={label} error={e[`slot${slot}`]} hint="The article's slug, id or address; type a few words of the title to pick.">
              <input id={`slot${slot}`} name={`slot${slot}`} type="text" value={p.values[slot] ?? ''} list="front-articles" autocomplete="off"
                data-typeahead="/admin/api/articles" data-typeahead-value="slug" />
              {pin ? (
                <p class="muted" data-pinned={pin.articleId}>
                  {`Pinned: “${pin.title}”`}
                  {pin.live ? null : <strong>{` — not on the site now (${pin.status}); its place is filled automatically`}</strong>}
                </p>
              ) : null}
            </Field>
          );
        })}
        <button type="submit" class="primary">Save front page</button>
      </form>
    </AdminLayout>
  );
}
