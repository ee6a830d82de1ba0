import type { AuditEntry, User } from '../../../storage/ports.js';
import { AdminLayout, when, type AdminContext } from './admin-layout.js';

/** The audit log: sign-ins, publications, withdrawals, deletions, settings changes. */
export function AuditPage(p: { ctx: AdminContext; entries: AuditEntry[]; page: number; pages: number }) {
  return (
    <AdminLayout ctx={p.ctx} title="Audit log">
      <h1>Audit log</h1>
      <table class="article-table">
        <thead><tr><th>When</th><th>Who</th><th>What</th><th>Subject</th><th>Detail</th></tr></thead>
        <tbody>
          {p.entries.map((e) => (
            <tr><td>{when(p.ctx, e.at)}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.subject}</td><td>{e.detail}</td></tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        {p.page > 1 ? <a rel="prev" href={`/admin/audit?page=${p.page - 1}`}>Newer</a> : null}
        <span>Page {p.page} of {p.pages}</span>
        {p.page < p.pages ? <a rel="next" href={`/admin/audit?page=${p.page + 1}`}>Older</a> : null}
      </nav>
    </AdminLayout>
  );
}

/** The accounts (created and reset with `masthead user …`). */
export function UsersPage(p: { ctx: AdminContext; users: User[] }) {
  return (
    <AdminLayout ctx={p.ctx} title="Users">
      <h1>Users</h1>
      <p class="muted">Accounts are added with <code>masthead user add EMAIL --role ROLE</code> and passwords reset with <code>masthead user reset-password EMAIL</code>.</p>
      <table class="article-table">
        <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Since</th></tr></thead>
        <tbody>
          {p.users.map((u) => <tr><td>{u.email}</td><td>{u.name}</td><td>{u.role}</td><td>{when(p.ctx, u.createdAt)}</td></tr>)}
        </tbody>
      </table>
    </AdminLayout>
  );
}
