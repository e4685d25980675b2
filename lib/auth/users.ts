// The accounts an administrator manages: list, add, change the role of, disable.
// Users are disabled (better-auth's admin plugin refuses their sign-in), never
// deleted, so the authorship of their corrections stays.
import { z } from "zod";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import { ROLES, type Role } from "../security/routes";
import { getAuth } from "./server";

export const roleSchema = z.enum(ROLES);

export const newUserInputSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().max(200).default(""),
  password: z.string().min(8, "The password must have at least 8 characters.").max(1000),
  role: roleSchema.default("reader"),
});

export const userChangeSchema = z.object({
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
});

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

function row(user: {
  id: string;
  email: string;
  name: string;
  role: string;
  banned: boolean | null;
  createdAt: Date;
}): UserRow {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: roleSchema.catch("reader").parse(user.role),
    disabled: user.banned === true,
    createdAt: user.createdAt.toISOString(),
  };
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return (await db.user.findMany({ orderBy: { email: "asc" } })).map(row);
}

/** Adds an account (the password is hashed by better-auth); 409 when the email is taken. */
export async function addUser(db: Db, input: z.infer<typeof newUserInputSchema>): Promise<UserRow> {
  if (await db.user.findUnique({ where: { email: input.email } }))
    throw new ConflictError(`${input.email} already has an account.`, "userExists", {
      email: input.email,
    });
  const { user } = await getAuth().api.createUser({
    body: {
      email: input.email,
      password: input.password,
      name: input.name || input.email.split("@")[0]!,
      // The plugin types roles as its own two; ours are stored the same way.
      data: { role: input.role },
    },
  });
  return row(await db.user.findUniqueOrThrow({ where: { id: user.id } }));
}

/** Changes a role, or disables (ending every session) or enables an account. */
export async function changeUser(
  db: Db,
  id: string,
  change: z.infer<typeof userChangeSchema>,
): Promise<UserRow> {
  const found = await db.user.findUnique({ where: { id } });
  if (!found) throw new NotFoundError(`No user with id "${id}".`);
  const updated = await db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id },
      data: {
        ...(change.role ? { role: change.role } : {}),
        ...(change.disabled === undefined ? {} : { banned: change.disabled }),
      },
    });
    if (change.disabled) await tx.session.deleteMany({ where: { userId: id } });
    return user;
  });
  return row(updated);
}
