import { ActionForm } from '@/components/dashboard/action-form';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/queries';
import { changeRoleAction, createUserAction, resetPasswordAction, setDisabledAction } from './actions';
import { CreateUserForm } from './create-user-form';

export const metadata = { title: 'Users' };

const ROLE_LABEL = { ADMIN: 'Admin', EDITOR: 'Editor', WRITER: 'Writer' } as const;

export default async function UsersPage() {
  const actor = await requireActor({ roles: rolesWith('manage:users') });
  const users = await listUsers({ actor });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Users</h1>
      <section aria-labelledby="new-user" className="space-y-3">
        <h2 id="new-user" className="text-lg font-semibold">
          New user
        </h2>
        <CreateUserForm action={createUserAction} />
      </section>
      <section aria-labelledby="all-users" className="space-y-3">
        <h2 id="all-users" className="text-lg font-semibold">
          All users ({users.length})
        </h2>
        <ul className="divide-y divide-neutral-200 rounded border border-neutral-200 bg-white">
          {users.map((user) => (
            <li key={user.id} className="space-y-3 p-4" data-testid={`user-${user.email}`}>
              <div className="flex flex-wrap items-baseline gap-x-3">
                <h3 className="font-semibold">{user.name}</h3>
                <span className="text-sm text-neutral-700">{user.email}</span>
                <span className="rounded bg-neutral-100 px-2 py-0.5 text-xs">{ROLE_LABEL[user.role]}</span>
                {user.disabled ? <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">Disabled</span> : null}
                {user.author ? <span className="text-xs text-neutral-600">Byline: {user.author.name}</span> : null}
              </div>
              <div className="flex flex-wrap gap-x-6 gap-y-3">
                <ActionForm action={changeRoleAction} label={`Change role of ${user.name}`} submitLabel="Change role">
                  <input type="hidden" name="userId" value={user.id} />
                  <label className="text-sm">
                    <span className="block font-medium">Role</span>
                    <select name="role" defaultValue={user.role} className="rounded border border-neutral-400 px-2 py-1.5">
                      <option value="WRITER">Writer</option>
                      <option value="EDITOR">Editor</option>
                      <option value="ADMIN">Admin</option>
                    </select>
                  </label>
                </ActionForm>
                <ActionForm action={resetPasswordAction} label={`Reset password of ${user.name}`} submitLabel="Reset password">
                  <input type="hidden" name="userId" value={user.id} />
                  <label className="text-sm">
                    <span className="block font-medium">New password</span>
                    <input name="password" type="password" required minLength={12} autoComplete="new-password" className="rounded border border-neutral-400 px-2 py-1.5" />
                  </label>
                </ActionForm>
                {user.id === actor.id ? null : (
                  <ActionForm action={setDisabledAction} label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`} submitLabel={user.disabled ? 'Enable' : 'Disable'} danger={!user.disabled}>
                    <input type="hidden" name="userId" value={user.id} />
                    <input type="hidden" name="disabled" value={user.disabled ? 'false' : 'true'} />
                  </ActionForm>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
