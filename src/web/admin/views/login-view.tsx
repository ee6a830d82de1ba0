import { AdminLayout, Csrf, Field, type AdminContext } from './admin-layout.js';

/** The sign-in page: labels **Email** and **Password**, button **Sign in**. */
export function LoginPage(p: { ctx: AdminContext; email?: string; error?: string | undefined; notice?: string | undefined; next: string }) {
  return (
    <AdminLayout ctx={p.ctx} title="Sign in">
      <section class="login">
        <h1>Sign in to the newsroom</h1>
        {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
        {p.error ? <p class="form-error" role="alert">{p.error}</p> : null}
        <form method="post" action="/admin/login" class="stack">
          <Csrf ctx={p.ctx} />
          <input type="hidden" name="next" value={p.next} />
          <Field id="email" label="Email">
            <input id="email" name="email" type="email" autocomplete="username" required value={p.email ?? ''} autofocus />
          </Field>
          <Field id="password" label="Password">
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </Field>
          <button type="submit" class="primary">Sign in</button>
        </form>
      </section>
    </AdminLayout>
  );
}
