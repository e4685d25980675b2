"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { UserRow } from "@/lib/auth/users";
import { ROLES, type Role } from "@/lib/security/routes";
import { callApi, useApiErrorText } from "./api-client";

/** The users table of an administrator: add, change role, disable or enable. */
export function UserAdmin({ initial }: { initial: UserRow[] }) {
  const t = useTranslations("account");
  const errorText = useApiErrorText();
  const [users, setUsers] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);

  async function change(id: string, body: { role?: Role; disabled?: boolean }) {
    const result = await callApi<UserRow>(`/api/users/${id}`, { method: "PATCH", body });
    if (result.ok) {
      setUsers((list) => list.map((u) => (u.id === id ? result.data : u)));
      setMessage(t("saved"));
    } else setMessage(t("actionFailed", { message: errorText(result) }));
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await callApi<UserRow>("/api/users", {
      method: "POST",
      body: {
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? ""),
        password: String(form.get("password") ?? ""),
        role: String(form.get("role") ?? "reader"),
      },
    });
    if (result.ok) {
      setUsers((list) => [...list, result.data]);
      setMessage(t("added", { email: result.data.email }));
      formElement.reset();
    } else setMessage(t("actionFailed", { message: errorText(result) }));
  }

  return (
    <>
      <p role="status" aria-live="polite">
        {message}
      </p>
      <table className="users">
        <thead>
          <tr>
            <th scope="col">{t("email")}</th>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("role")}</th>
            <th scope="col">{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.email}</td>
              <td>{user.name}</td>
              <td>
                <select
                  aria-label={`${t("role")}: ${user.email}`}
                  value={user.role}
                  onChange={(e) => void change(user.id, { role: e.target.value as Role })}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {user.disabled ? t("disabled") : t("active")}{" "}
                <button
                  type="button"
                  onClick={() => void change(user.id, { disabled: !user.disabled })}
                >
                  {user.disabled ? t("enable") : t("disable")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("addUser")}</h2>
      <form className="add-user" onSubmit={(e) => void add(e)}>
        <label>
          {t("email")}
          <input name="email" type="email" required maxLength={320} />
        </label>
        <label>
          {t("name")}
          <input name="name" maxLength={200} />
        </label>
        <label>
          {t("password")}
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
          />
        </label>
        <label>
          {t("role")}
          <select name="role" defaultValue="reader">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("addUser")}</button>
      </form>
    </>
  );
}
