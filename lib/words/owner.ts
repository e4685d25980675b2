import { LOCAL_USER, type SignedIn } from "../auth/session";

/** Whose word list a request works on: the signed-in user's, or the one local reader's. */
export function ownerOf(user: SignedIn | null): string {
  return user?.id ?? LOCAL_USER.id;
}
